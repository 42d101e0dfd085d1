from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person with an account: campaigner, donor who signed up, or staff. Email is the login."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email"), unique=True)
    display_name = models.CharField(_("nama tampilan"), max_length=80, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def public_name(self) -> str:
        """Shown publicly; never derived from the email address."""
        return self.display_name or str(_("Penggalang dana"))


class TokenScope(models.TextChoices):
    READ = "read", _("baca")
    WRITE = "write", _("baca dan tulis")


class ApiToken(models.Model):
    """A personal API token (`Authorization: Bearer gtg_<prefix>_<secret>`) acting as its user:
    `read` tokens may only read, `write` tokens may also post. Only the SHA-256 of the whole
    token is kept; the token itself is shown once, when made (gotong/api/tokens.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama"), max_length=80)
    scope = models.CharField(_("cakupan"), max_length=8, choices=TokenScope.choices)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.masked})"

    @property
    def masked(self) -> str:
        """How the token is shown after it was made: its prefix only."""
        return f"gtg_{self.prefix}_…"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
