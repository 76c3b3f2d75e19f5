from django import forms
from django.contrib.auth.forms import AuthenticationForm

from counterpart.users.models import User


class LanguageForm(forms.ModelForm):
    """The user's interface language, validated by the model (choices from LANGUAGES)."""

    class Meta:
        model = User
        fields = ("language",)


class LoginForm(AuthenticationForm):
    """Django's login form with the browser hints a sign-in form should carry."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
