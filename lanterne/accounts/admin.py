from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiToken, Invitation, Membership, User
from .privacy_admin import ErasePeopleMixin


class UserCreationForm(auth_forms.AdminUserCreationForm):
    """Django's admin creation form, with the e-mail address as the login (no username)."""

    class Meta:
        model = User
        fields = ("email",)


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    fields = ("structure", "role", "is_active")
    autocomplete_fields = ("structure",)
    extra = 0


@admin.register(User)
class UserAdmin(ErasePeopleMixin, auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Identité"), {"fields": ("first_name", "last_name", "language")}),
        (
            _("Droits"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "memberships__role", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    inlines = [MembershipInline]

    def get_inlines(self, request, obj):
        # Roles are given once the account exists.
        return self.inlines if obj else []


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "structure", "is_active", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("user__email", "user__last_name", "structure__name", "structure__slug")
    autocomplete_fields = ("user", "structure")
    list_select_related = ("user", "structure")
    readonly_fields = ("created_at", "updated_at")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their owners (profile page, API) and only seen here: the key is never
    stored, so there is nothing to add or to edit. An administrator can revoke them."""

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("user__email", "name", "prefix")
    list_select_related = ("user",)
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("digest",)
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The page shows the token (view permission); nothing on it can be saved.
        return False

    @admin.action(description=_("Révoquer les jetons choisis"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)s jeton révoqué.", "%(count)s jetons révoqués.", count)
            % {"count": count},
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent, resent and revoked from the site (`invitations:list`), where each
    step checks who may invite whom; here they are only read."""

    list_display = ("email", "role", "structure", "invited_by", "sent_at", "expires_at")
    list_filter = (
        "role",
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("email", "structure__name")
    list_select_related = ("structure", "invited_by")
    exclude = ("digest",)
    raw_id_fields = ("structure", "invited_by", "accepted_user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
