from django.contrib.auth.base_user import BaseUserManager

from kyoso.core.text import normalize_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email=normalize_email(username or ""))

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("email is required")
        extra.setdefault("display_name", email.split("@")[0])
        user = self.model(email=normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)
