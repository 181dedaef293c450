"""The indicators and the report pack as JSON: the same tables as the screens, suppressed for the
caller in the same way. A cell gives its value (a share as a fraction), its kind and whether it is
suppressed; never the count it rests on."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from boks.accounts import authorization
from boks.accounts.models import Organisatie

from . import dashboard, selectors
from .forms import PeriodeForm
from .periods import OngeldigePeriode, uit_code
from .tabellen import CelSoort


class RapportageCelSerializer(serializers.Serializer):
    waarde = serializers.FloatField(
        allow_null=True, help_text="Het getal; een aandeel als fractie (0,87). Leeg als onderdrukt."
    )
    tekst = serializers.CharField(help_text="Zoals op het scherm: '12', '6,5', '87%', '—' of '< 5'.")
    soort = serializers.ChoiceField(choices=CelSoort.choices)
    onderdrukt = serializers.BooleanField(help_text="Te klein om buiten het eigen team te tonen.")

    def to_representation(self, cel):
        return {"waarde": cel.export_waarde, "tekst": cel.tekst, "soort": cel.soort, "onderdrukt": cel.onderdrukt}


class RapportageRijSerializer(serializers.Serializer):
    sleutel = serializers.CharField(help_text="Bijvoorbeeld 'team:5', '2025-01', 'reden:volgens_plan' of 'totaal'.")
    label = serializers.CharField()
    totaal = serializers.BooleanField()
    cellen = RapportageCelSerializer(many=True)


class RapportageTabelSerializer(serializers.Serializer):
    id = serializers.CharField()
    titel = serializers.CharField()
    rij_kop = serializers.CharField()
    kolommen = serializers.ListField(child=serializers.CharField())
    rijen = RapportageRijSerializer(many=True)
    toelichting = serializers.CharField()


class RapportageTegelSerializer(serializers.Serializer):
    label = serializers.CharField()
    cel = RapportageCelSerializer()
    toelichting = serializers.CharField()


class RapportageSectieSerializer(serializers.Serializer):
    id = serializers.CharField()
    titel = serializers.CharField()
    uitleg = serializers.CharField()
    tabellen = RapportageTabelSerializer(many=True)


class RapportagePeriodeSerializer(serializers.Serializer):
    code = serializers.CharField(allow_blank=True)
    van = serializers.DateField()
    tot = serializers.DateField()
    label = serializers.CharField()


class RapportageIndicatorenSerializer(serializers.Serializer):
    scope = serializers.CharField(source="scope.code")
    scope_naam = serializers.CharField(source="scope.label")
    periode = RapportagePeriodeSerializer()
    peildatum = serializers.DateField()
    buiten_buurtteamcijfers = serializers.IntegerField(
        source="buiten_cijfers", help_text="Trajecten van een andere dienst zonder het buurtteam: niet meegeteld."
    )
    kerncijfers = RapportageTegelSerializer(many=True, source="tegels")
    secties = RapportageSectieSerializer(many=True)


class RapportageIndicatorenParamsSerializer(serializers.Serializer):
    organisatie = serializers.IntegerField(help_text="De organisatie.")
    scope = serializers.CharField(
        required=False, default="organisatie", help_text="'organisatie', 'cluster:ID', 'team:ID' of 'wijk:ID'."
    )
    periode = serializers.CharField(
        required=False, help_text="'2025-K1', '2025-03' of '2025'; of laat leeg en geef van en tot."
    )
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False)
    peildatum = serializers.DateField(required=False, help_text="Standaard de laatste dag van de periode of vandaag.")


class IndicatorenView(APIView):
    """All indicators of a scope over a period, as on the dashboard: key figures and, per subject,
    the tables (per month for a team, per team for an organisation, cluster or wijk)."""

    @extend_schema(
        parameters=[RapportageIndicatorenParamsSerializer],
        responses=RapportageIndicatorenSerializer,
        summary="Indicatoren voor managementinformatie",
    )
    def get(self, request):
        params = RapportageIndicatorenParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        organisatie = Organisatie.objects.filter(pk=data["organisatie"]).first()
        if organisatie is None:
            raise serializers.ValidationError({"organisatie": ["Deze organisatie bestaat niet."]})
        try:
            scope = selectors.scope_uit(organisatie, data["scope"])
        except ValueError as wrong:
            raise serializers.ValidationError({"scope": [str(wrong)]}) from wrong
        if scope.soort == "team":
            allowed = authorization.can_view_team_figures(request.user, scope.object)
        else:
            allowed = authorization.can_view_organisation_figures(request.user, organisatie.pk)
        if not allowed:
            raise PermissionDenied("Je mag de cijfers van dit onderdeel niet zien.")
        form = PeriodeForm(
            {
                "periode": data.get("periode") or ("eigen" if data.get("van") or data.get("tot") else ""),
                "van": data.get("van"),
                "tot": data.get("tot"),
                "peildatum": data.get("peildatum"),
            }
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(e) for e in errors] for field, errors in form.errors.items()}
            )
        board = dashboard.bouw(
            scope,
            form.cleaned_data["gekozen"],
            form.cleaned_data["peildatum"],
            selectors.kijker(request.user, organisatie.pk),
        )
        return Response(RapportageIndicatorenSerializer(board).data)


class RapportageVaststellingSerializer(serializers.Serializer):
    versie = serializers.IntegerField()
    peildatum = serializers.DateField()
    vastgesteld_op = serializers.DateTimeField()
    vastgesteld_door = serializers.CharField(source="vastgesteld_door.get_full_name")
    toelichting = serializers.CharField()


class RapportageVerschilSerializer(serializers.Serializer):
    tabel = serializers.CharField()
    rij = serializers.CharField()
    kolom = serializers.CharField()
    gepubliceerd = serializers.CharField()
    nu = serializers.CharField()


class RapportageRapportSerializer(serializers.Serializer):
    organisatie = serializers.CharField(source="organisatie.korte_naam")
    periode = RapportagePeriodeSerializer()
    vaststelling = RapportageVaststellingSerializer(allow_null=True, help_text="Leeg: niet vastgesteld, nu berekend.")
    versies = RapportageVaststellingSerializer(many=True)
    verschillen = RapportageVerschilSerializer(
        many=True, allow_null=True, help_text="Wat nu anders is dan vastgesteld; leeg als niet vastgesteld."
    )
    tabellen = RapportageTabelSerializer(many=True)


class RapportView(APIView):
    """The report pack of a quarter or year (the appendices Aantal, Snelheid, Bereik, Instroom,
    Doorstroom and Doelbereik): as frozen (the latest version, or ?versie=N) with the differences
    to a recomputation, or computed now when never frozen."""

    @extend_schema(
        parameters=[OpenApiParameter("versie", int, required=False, description="Een eerdere vaststelling.")],
        responses=RapportageRapportSerializer,
        summary="Kwartaal- of jaarrapport",
    )
    def get(self, request, organisatie_id: int, periode: str):
        if not authorization.can_view_organisation_figures(request.user, organisatie_id):
            raise PermissionDenied("Je mag de cijfers van deze organisatie niet zien.")
        try:
            gekozen = uit_code(periode)
        except OngeldigePeriode as wrong:
            raise serializers.ValidationError({"periode": [str(wrong)]}) from wrong
        if gekozen.soort not in {"kwartaal", "jaar"}:
            raise serializers.ValidationError({"periode": ["Kies een kwartaal (2025-K1) of een jaar (2025)."]})
        versie = request.query_params.get("versie")
        if versie is not None and not versie.isdigit():
            raise serializers.ValidationError({"versie": ["Een versie is een heel getal."]})
        organisatie = Organisatie.objects.get(pk=organisatie_id)
        weergave = selectors.rapport_voor(request.user, organisatie, gekozen, int(versie) if versie else None)
        return Response(RapportageRapportSerializer(weergave).data)
