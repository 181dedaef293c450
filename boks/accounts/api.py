from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import authorization


class MembershipSerializer(serializers.Serializer):
    team_id = serializers.IntegerField(source="team.pk")
    team = serializers.CharField(source="team.naam")
    organisatie = serializers.CharField(source="team.organisatie.korte_naam")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    start_date = serializers.DateField()


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    name = serializers.CharField(source="get_full_name")
    kind = serializers.CharField()
    memberships = serializers.SerializerMethodField()

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user):
        return MembershipSerializer(authorization.current_memberships(user), many=True).data


class MeView(APIView):
    @extend_schema(responses=MeSerializer, summary="De ingelogde medewerker en zijn of haar teamrollen")
    def get(self, request):
        return Response(MeSerializer(request.user).data)
