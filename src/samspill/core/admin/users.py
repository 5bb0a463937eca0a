"""The admin's user forms for samspill's User, which has one `name` instead of Wagtail's
required first and last name (without this, no user could be saved in the admin)."""

from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class UserCreationForm(WagtailUserCreationForm):
    first_name = None
    last_name = None

    class Meta(WagtailUserCreationForm.Meta):
        fields = (set(WagtailUserCreationForm.Meta.fields) - {"first_name", "last_name"}) | {"name"}


class UserEditForm(WagtailUserEditForm):
    first_name = None
    last_name = None

    class Meta(WagtailUserEditForm.Meta):
        fields = (set(WagtailUserEditForm.Meta.fields) - {"first_name", "last_name"}) | {"name"}


class UserViewSet(WagtailUserViewSet):
    create_template_name = "core/admin/user_create.html"
    edit_template_name = "core/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
