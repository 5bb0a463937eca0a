"""The hub's own date and number formats per language (settings.FORMAT_MODULE_PATH), where
Django's differ from how the hub writes: English in the European way ("16 December 2026, 12:00",
never "Dec. 16, 2026, noon"). Bokmål, nynorsk and Danish use Django's ("16. desember 2026 12:00";
a non-breaking space groups thousands in Norwegian, a full stop in Danish)."""
