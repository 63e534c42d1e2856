"""Back office for network administrators: staff accounts, staff roles and their scopes.

Staff names are shown to counsellors and to the people whose files they
touch: the user forms are Django's, cleaned of bidirectional controls like
every form of ours (``core/bidi.py``); passwords are left as typed.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import StaffRole
from core.bidi import BidiFreeFormMixin, BidiFreeModelForm


class StaffUserChangeForm(BidiFreeFormMixin, UserChangeForm):
    pass


class StaffUserCreationForm(BidiFreeFormMixin, AdminUserCreationForm):
    pass


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffUserAdmin(UserAdmin):
    form = StaffUserChangeForm
    add_form = StaffUserCreationForm


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    form = BidiFreeModelForm
    list_display = ["user", "role", "desk", "provider", "region"]
    list_filter = ["role", "region"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
