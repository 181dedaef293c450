from rest_framework.permissions import BasePermission

from . import authorization


class IsActiveStaff(BasePermission):
    """The default for every API view: an active staff member; objects are checked per view."""

    message = "Alleen medewerkers van een buurtteam hebben toegang tot deze API."

    def has_permission(self, request, view) -> bool:
        return authorization.is_staff_member(request.user)
