"""The referent moderates the youth's posts: each step logged and audited, illegal ones
refused; a refusal says why; a moderator's own post is published at once."""

from django.urls import reverse

from lanterne.logbook import services
from lanterne.logbook.enums import FilmState, PostState
from lanterne.logbook.models import Post, PostTransition
from tests.logbook.factories import film, post
from tests.workflow import assert_every_transition


def test_every_post_transition_from_every_state(group, referent, youth_user):
    """approve and reject leave only a pending post, each with its log row and audit event."""
    item = post(group, author=youth_user, state=PostState.PENDING)

    def run(name, obj, by):
        if name == "approve":
            services.post_approve(post=obj, by=by)
        else:
            services.post_reject(post=obj, by=by, reason="Un visage reconnaissable.")

    assert_every_transition(
        item,
        run,
        actors={"approve": referent, "reject": referent},
        allowed={"approve": {PostState.PENDING}, "reject": {PostState.PENDING}},
    )


def test_every_film_transition_from_every_state(group, staff):
    """share, publish and unpublish follow private → network → public and back."""
    item = film(group)

    def run(name, obj, by):
        getattr(services, f"film_{name}")(film=obj, by=by)

    assert_every_transition(
        item,
        run,
        actors={"share": staff, "publish": staff, "unpublish": staff},
        allowed={
            "share": {FilmState.PRIVATE},
            "publish": {FilmState.PRIVATE, FilmState.NETWORK},
            "unpublish": {FilmState.NETWORK, FilmState.PUBLIC},
        },
    )


def test_the_referent_publishes_a_post_from_the_queue(group, referent, youth_user, login):
    item = post(group, author=youth_user, state=PostState.PENDING, body="Le clap de fin")
    client = login(referent)
    assert "Le clap de fin" in client.get(reverse("logbook:moderation", args=[group.pk])).text
    response = client.post(reverse("logbook:post_approve", args=[group.pk, item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == PostState.APPROVED
    assert PostTransition.objects.get(post=item).by == referent


def test_a_refusal_needs_a_reason(group, referent, youth_user, login):
    """Refused without a reason: nothing changes, the form says so (422)."""
    item = post(group, author=youth_user, state=PostState.PENDING)
    client = login(referent)
    url = reverse("logbook:post_reject", args=[group.pk, item.pk])
    assert client.post(url, {"reason": ""}).status_code == 422
    item.refresh_from_db()
    assert item.state == PostState.PENDING
    assert client.post(url, {"reason": "On voit l'adresse."}).status_code == 302
    item.refresh_from_db()
    assert item.state == PostState.REJECTED


def test_a_youth_may_not_moderate(group, youth_user, login):
    item = post(group, author=youth_user, state=PostState.PENDING)
    client = login(youth_user)
    assert client.post(reverse("logbook:post_approve", args=[group.pk, item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.state == PostState.PENDING


def test_the_referents_own_post_is_published_at_once(group, referent, youth_user, login):
    """The referent's post needs no one else's reading: published, its approval logged."""
    login(referent).post(reverse("logbook:group", args=[group.pk]), {"body": "Rendez-vous mardi"})
    item = Post.objects.get()
    assert item.state == PostState.APPROVED
    assert (
        "Rendez-vous mardi" in login(youth_user).get(reverse("logbook:group", args=[group.pk])).text
    )


def test_a_youth_post_waits(group, youth_user, login):
    login(youth_user).post(reverse("logbook:group", args=[group.pk]), {"body": "Mon plan préféré"})
    assert Post.objects.get().state == PostState.PENDING


def test_comments_only_on_published_posts(group, youth_user, login):
    """A comment goes on a published post; on a pending one it is refused."""
    published = post(group, author=youth_user)
    pending = post(group, author=youth_user, state=PostState.PENDING)
    client = login(youth_user)
    ok = client.post(
        reverse("logbook:comment_add", args=[group.pk, published.pk]), {"body": "Bravo !"}
    )
    assert ok.status_code == 302 and published.comments.get().body == "Bravo !"
    refused = client.post(
        reverse("logbook:comment_add", args=[group.pk, pending.pk]), {"body": "Déjà ?"}
    )
    assert refused.status_code == 403 and not pending.comments.exists()


def test_the_referent_lists_who_appears_before_publishing(group, referent, youth_user, login):
    """From the queue, the referent ticks who appears on a youth's photo: the list the gate
    reads, recorded in the trail; someone of another group cannot be listed."""
    from lanterne.core.models import AuditEvent
    from tests.logbook.factories import member, photo, workshop_group

    item = post(group, author=youth_user, state=PostState.PENDING)
    media = photo(item)
    lina = member(group, "Lina")
    stranger = member(workshop_group(), "Ailleurs")
    client = login(referent)
    page = client.get(reverse("logbook:moderation", args=[group.pk])).text
    assert f'id="appears-{media.pk}-{lina.pk}"' in page
    url = reverse("logbook:media_appearances", args=[media.pk])
    client.post(url, {"appears": [lina.pk, stranger.pk], "next": "moderation"})
    assert list(media.appears.all()) == []
    response = client.post(url, {"appears": [lina.pk], "next": "moderation"})
    assert response["Location"] == reverse("logbook:moderation", args=[group.pk])
    assert list(media.appears.all()) == [lina]
    assert AuditEvent.objects.filter(action="logbook.appearances").count() == 1


def test_a_youth_may_not_change_who_appears(group, youth_user, login):
    from tests.logbook.factories import member, photo

    media = photo(post(group, author=youth_user))
    lina = member(group, "Lina")
    response = login(youth_user).post(
        reverse("logbook:media_appearances", args=[media.pk]), {"appears": [lina.pk]}
    )
    assert response.status_code == 403
    assert not media.appears.exists()


def test_the_referent_hears_of_a_waiting_post_and_the_author_of_a_refusal(
    group, referent, youth_user, login
):
    """A youth's post: one e-mail to the referent, with the queue's address. Refused: one
    e-mail to its author, with the reason."""
    from lanterne.core.models import OutboxMessage

    login(youth_user).post(reverse("logbook:group", args=[group.pk]), {"body": "Mon plan"})
    waiting = OutboxMessage.objects.get()
    assert waiting.to == referent.email
    assert reverse("logbook:moderation", args=[group.pk]) in waiting.body
    item = Post.objects.get()
    services.post_reject(post=item, by=referent, reason="On voit une plaque de rue.")
    refused = OutboxMessage.objects.exclude(pk=waiting.pk).get()
    assert refused.to == youth_user.email and "plaque de rue" in refused.body
