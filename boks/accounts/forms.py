from django import forms
from django.contrib.auth.forms import UserChangeForm

from .models import User


class UserCreateForm(forms.ModelForm):
    """Creates an account without a password: the new user sets one through 'Wachtwoord vergeten'."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "kind"]

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = ["email", "first_name", "last_name", "kind", "is_active"]
