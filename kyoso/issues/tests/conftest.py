"""Fixtures of the issues tests.

Besides the project personas (佐藤 the secretariat, 鈴木, 高橋):

- 田中 (``poster``): a verified citizen who posts issues; member of ``organization``
- 伊藤 (``org_admin``): an admin of ``organization`` (庄内まちづくり協議会)
- 鈴木 is a plain member of ``organization``
- ``takahashi_unverified``: 高橋 before confirming his email address
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from kyoso.accounts.tests.factories import UserFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def poster(db):
    return UserFactory(email="tanaka@example.jp", display_name="田中")


@pytest.fixture
def organization(db, poster, suzuki):
    org = OrganizationFactory(name="庄内まちづくり協議会", slug="shonai-machi")
    MembershipFactory(organization=org, user=poster, role=MemberRole.MEMBER)
    MembershipFactory(organization=org, user=suzuki, role=MemberRole.MEMBER)
    return org


@pytest.fixture
def org_admin(db, organization):
    user = UserFactory(email="ito@example.jp", display_name="伊藤")
    MembershipFactory(organization=organization, user=user, role=MemberRole.ADMIN)
    return user


@pytest.fixture
def takahashi_unverified(takahashi):
    takahashi.email_verified_at = None
    takahashi.save(update_fields=["email_verified_at"])
    return takahashi


def jpeg_with_exif(size=(64, 48), color=(200, 80, 40)) -> bytes:
    """A small JPEG carrying EXIF: GPS position, camera model and a comment."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x0110] = "KyosoCam 3000"  # Model
    exif[0x9286] = "secret comment"  # UserComment
    gps = {1: "N", 2: (38.0, 16.0, 5.0), 3: "E", 4: (140.0, 52.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_bytes(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
