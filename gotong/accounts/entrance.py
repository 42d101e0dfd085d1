"""allauth's sign-in, sign-up and password forms in Gotong's words: labels, placeholders and
helper text in plain Indonesian (English through gettext), and the browser's autocomplete
hints. The forms' rules stay allauth's; only how they read changes. `ACCOUNT_FORMS`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Look:
    label: _StrPromise
    autocomplete: str
    help_text: _StrPromise | str = ""
    placeholder: _StrPromise | str = ""


EMAIL = Look(label=_("Email"), placeholder=_("nama@contoh.id"), autocomplete="email")
NEW_PASSWORD = Look(
    label=_("Kata sandi"),
    help_text=_(
        "Minimal 8 karakter. Jangan hanya angka, dan jangan yang mudah ditebak seperti "
        "nama atau tanggal lahir Anda."
    ),
    autocomplete="new-password",
)
NEW_PASSWORD_AGAIN = Look(
    label=_("Ulangi kata sandi"),
    help_text=_("Ketik sekali lagi untuk memastikan tidak ada salah ketik."),
    autocomplete="new-password",
)


def _dress(form: forms.Form, looks: dict[str, Look]) -> None:
    """Set each named field's label, help text, placeholder and autocomplete hint."""
    for name, look in looks.items():
        field = form.fields.get(name)
        if field is None:
            continue
        field.label, field.help_text = look.label, look.help_text
        attrs = field.widget.attrs
        attrs.pop("placeholder", None)
        if look.placeholder:
            attrs["placeholder"] = look.placeholder
        attrs["autocomplete"] = look.autocomplete


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dress(
            self,
            {
                "login": EMAIL,
                "password": Look(label=_("Kata sandi"), autocomplete="current-password"),
            },
        )
        if "remember" in self.fields:
            self.fields["remember"].label = _("Ingat saya di perangkat ini")


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dress(
            self,
            {
                "email": replace(EMAIL, help_text=_("Kami kirim tautan konfirmasi ke alamat ini.")),
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD_AGAIN,
            },
        )
        self.fields["display_name"].widget.attrs["autocomplete"] = "name"
        self.order_fields(["display_name", "email", "password1", "password2"])


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dress(self, {"email": EMAIL})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dress(
            self,
            {
                "password1": replace(NEW_PASSWORD, label=_("Kata sandi baru")),
                "password2": NEW_PASSWORD_AGAIN,
            },
        )


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dress(
            self,
            {
                "oldpassword": Look(
                    label=_("Kata sandi sekarang"), autocomplete="current-password"
                ),
                "password1": replace(NEW_PASSWORD, label=_("Kata sandi baru")),
                "password2": NEW_PASSWORD_AGAIN,
            },
        )
