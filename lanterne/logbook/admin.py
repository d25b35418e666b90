from django.contrib import admin

from lanterne.core.admin import TransitionLogAdmin, TransitionLogInline

from .models import Consent, Film, FilmTransition, Member, Post, PostTransition, WorkshopGroup


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    raw_id_fields = ["user"]


@admin.register(WorkshopGroup)
class WorkshopGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "action", "created_at"]
    search_fields = ["name", "action__title", "action__project__title"]
    raw_id_fields = ["action"]
    list_select_related = ["action"]
    inlines = [MemberInline]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Read only: an authorisation is recorded and withdrawn through the register's page, which
    keeps the trail."""

    list_display = ["member", "signed_on", "expires_on", "withdrawn_at"]
    list_filter = ["proof", "signatories"]
    list_select_related = ["member"]
    raw_id_fields = ["member"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PostTransitionInline(TransitionLogInline):
    model = PostTransition


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "group", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["group", "author"]
    readonly_fields = ["state"]
    list_select_related = ["group"]
    inlines = [PostTransitionInline]


class FilmTransitionInline(TransitionLogInline):
    model = FilmTransition


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["work", "state", "region", "genre"]
    list_filter = ["state", "region", "genre"]
    search_fields = ["work__title"]
    raw_id_fields = ["work", "group", "appears"]
    readonly_fields = ["state"]
    list_select_related = ["work", "region"]
    inlines = [FilmTransitionInline]


@admin.register(PostTransition)
class PostTransitionAdmin(TransitionLogAdmin):
    list_display = ["post", "name", "source", "target", "at", "by"]
    search_fields = ["post__group__name", "by__email", "reason"]
    raw_id_fields = ["post", "by"]


@admin.register(FilmTransition)
class FilmTransitionAdmin(TransitionLogAdmin):
    list_display = ["film", "name", "source", "target", "at", "by"]
    search_fields = ["film__work__title", "by__email", "reason"]
    raw_id_fields = ["film", "by"]
