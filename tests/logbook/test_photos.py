"""A photo posted to the logbook keeps its pixels and nothing else: no EXIF, no GPS position,
no comment, its longest side brought down; files are judged by their content and their size."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from lanterne.logbook.enums import PostState
from lanterne.logbook.media import MAX_SIDE
from lanterne.logbook.models import Post, PostMedia
from tests.logbook.factories import jpeg, member


def _exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Appareil de test"  # Make
    exif[0x0132] = "2024:03:06 14:10:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (43.0, 36.0, 16.0)
    gps[3] = "E"
    gps[4] = (1.0, 26.0, 38.0)
    return exif.tobytes()


def _upload(name="photo.jpg", data=None, size=(3000, 1500)):
    return SimpleUploadedFile(
        name, data or jpeg(size=size, exif=_exif_with_gps()), content_type="image/jpeg"
    )


def test_exif_and_gps_are_gone_once_stored(group, staff, login):
    """The stored photo, read back, has no EXIF at all (camera, date, GPS) and is resized."""
    original = Image.open(io.BytesIO(jpeg(size=(3000, 1500), exif=_exif_with_gps())))
    assert original.getexif().get_ifd(0x8825), "the test photo carries a GPS position"
    lina = member(group, "Lina")
    response = login(staff).post(
        reverse("logbook:group", args=[group.pk]),
        {"body": "Repérages", "files": [_upload()], "appears": [lina.pk]},
    )
    assert response.status_code == 302
    media = PostMedia.objects.get()
    with media.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert not image.getexif()
        assert "exif" not in image.info and "comment" not in image.info
        assert max(image.size) == MAX_SIDE
    assert (media.width, media.height) == (MAX_SIDE, MAX_SIDE // 2)
    assert list(media.appears.all()) == [lina]


def test_a_file_that_is_not_an_image_or_a_video_is_refused(group, staff, login):
    """A PDF renamed .jpg is judged by its content: refused beside the field, nothing stored,
    the text kept."""
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4\n%fake\n", content_type="image/jpeg")
    response = login(staff).post(
        reverse("logbook:group", args=[group.pk]), {"body": "Mon texte", "files": [fake]}
    )
    assert response.status_code == 422
    assert "application/pdf" in response.text
    assert "Mon texte" in response.text
    assert not Post.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=2000)
def test_a_file_over_the_limit_is_refused(group, staff, login):
    """Over the size limit: refused, with the limit said."""
    big = _upload(data=jpeg(size=(400, 400)))
    response = login(staff).post(reverse("logbook:group", args=[group.pk]), {"files": [big]})
    assert response.status_code == 422
    assert "taille maximale" in response.text
    assert not PostMedia.objects.exists()


def test_a_youth_post_waits_and_its_photo_is_not_served_to_the_group(
    group, youth_user, referent, login
):
    """A youth's post waits for the referent: the rest of the group gets 404 on its photo until
    it is published; the author and the referent see it."""
    from tests.accounts.factories import UserFactory

    other = UserFactory()
    member(group, "Sami", user=other)
    response = login(youth_user).post(
        reverse("logbook:group", args=[group.pk]), {"body": "Tournage", "files": [_upload()]}
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.state == PostState.PENDING
    url = reverse("logbook:media", args=[post.media.get().pk])
    assert login(youth_user).get(url).status_code == 200
    assert login(other).get(url).status_code == 404
    assert login(referent).get(url).status_code == 200
