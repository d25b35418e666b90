import pytest

from lanterne.logbook.enums import MemberRole
from tests.accounts.factories import UserFactory
from tests.logbook.factories import member, workshop_group
from tests.projects.factories import project_applicant, project_coordinator


@pytest.fixture
def group():
    return workshop_group()


@pytest.fixture
def staff(group):
    """A user of the structure that carries the workshop's project."""
    return project_applicant(group.action.project)


@pytest.fixture
def coordination(group):
    return project_coordinator(group.action.project)


@pytest.fixture
def referent(group):
    user = UserFactory(first_name="Nadia")
    member(group, "Nadia", role=MemberRole.REFERENT, user=user)
    return user


@pytest.fixture
def youth_user(group):
    """A youth of the group who has an account (most do not)."""
    user = UserFactory(first_name="Lina")
    member(group, "Lina", user=user)
    return user
