"""What every app's admin (Wagtail) screens share: organisation-scoped permission policies
(`policies`), and the view mixins and helpers that keep a screen to the objects a user may work on
(`views`). Core's own screens live here too: the "Hub" menu (`hub`), its forms (`forms`) and
Wagtail's user screens with our fields (`users`)."""
