"""The Wat Telt API. Views are thin: selectors decide what a user sees (identical to the pages),
the services decide what may be written. A retried create with the same key (the ``sleutel``
field or an ``Idempotency-Key`` header) answers 200 with the meting the first request made."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from boks.accounts import authorization
from boks.dossiers import selectors as dossier_selectors

from . import charts, figures, selectors, services
from .choices import Beoordelaar, Variant
from .models import Leefgebied, Meting, Score


class WatTeltLeefgebiedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leefgebied
        fields = ["id", "organisatie", "code", "naam", "volgorde"]


class WatTeltScoreSerializer(serializers.ModelSerializer):
    leefgebied = serializers.CharField(source="leefgebied.code")

    class Meta:
        model = Score
        fields = ["leefgebied", "beoordelaar", "waarde", "ingevoerd_door", "kanaal", "ingevoerd_op"]


class WatTeltMetingSerializer(serializers.ModelSerializer):
    leefgebieden = serializers.SerializerMethodField()
    scores = WatTeltScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Meting
        fields = [
            "id",
            "traject",
            "persoon",
            "ronde",
            "datum",
            "variant",
            "gesprek_nummer",
            "leefgebieden",
            "schaal_min",
            "schaal_max",
            "algemene_score",
            "derde_naam",
            "derde_relatie",
            "toelichting",
            "volgende_ronde_op",
            "aangemaakt_door",
            "kanaal",
            "aangemaakt_op",
            "sleutel",
            "scores",
        ]

    def get_leefgebieden(self, meting) -> list[str]:
        return [leefgebied.code for leefgebied in meting.leefgebieden.all()]


class WatTeltScoreInputSerializer(serializers.Serializer):
    leefgebied = serializers.CharField(max_length=30)
    beoordelaar = serializers.ChoiceField(choices=Beoordelaar.choices)
    waarde = serializers.IntegerField(min_value=0, max_value=1000)


class WatTeltMetingInputSerializer(serializers.Serializer):
    traject = serializers.IntegerField()
    persoon = serializers.IntegerField()
    datum = serializers.DateField()
    variant = serializers.ChoiceField(choices=Variant.choices)
    leefgebieden = serializers.ListField(child=serializers.CharField(max_length=30), allow_empty=False)
    scores = WatTeltScoreInputSerializer(many=True, required=False, default=list)
    algemene_score = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    derde_naam = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    derde_relatie = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    gesprek_nummer = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    sleutel = serializers.UUIDField(required=False, allow_null=True, default=None)


class WatTeltRaterScoreSerializer(serializers.Serializer):
    leefgebied = serializers.CharField(max_length=30)
    waarde = serializers.IntegerField(min_value=0, max_value=1000)


class WatTeltScoresInputSerializer(serializers.Serializer):
    beoordelaar = serializers.ChoiceField(choices=Beoordelaar.choices)
    scores = WatTeltRaterScoreSerializer(many=True, allow_empty=False)
    algemene_score = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    derde_naam = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    derde_relatie = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


def _idempotency_key(request, given: uuid.UUID | None) -> uuid.UUID | None:
    header = request.headers.get("Idempotency-Key", "")
    if given is not None or not header:
        return given
    try:
        return uuid.UUID(header)
    except ValueError as bad:
        raise serializers.ValidationError({"sleutel": "De Idempotency-Key is geen geldige UUID."}) from bad


class LeefgebiedViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The Wat Telt leefgebieden of the organisations the user works for."""

    serializer_class = WatTeltLeefgebiedSerializer
    queryset = Leefgebied.objects.none()

    def get_queryset(self):
        organisaties = sorted({m.team.organisatie_id for m in authorization.current_memberships(self.request.user)})
        return [row for organisatie in organisaties for row in selectors.catalogus(organisatie)]


class MetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = WatTeltMetingSerializer
    queryset = Meting.objects.none()

    def get_queryset(self):
        metingen = selectors.zichtbare_metingen(self.request.user)
        for name in ("traject", "persoon"):
            value = self.request.query_params.get(name, "")
            if value.isdigit():
                metingen = metingen.filter(**{f"{name}_id": int(value)})
        return metingen

    def get_object(self):
        return selectors.meting_for(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(parameters=[OpenApiParameter("traject", int), OpenApiParameter("persoon", int)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=WatTeltMetingInputSerializer,
        responses={201: WatTeltMetingSerializer, 200: WatTeltMetingSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
        summary="Wat Telt-meting vastleggen (met de scores die er al zijn)",
    )
    def create(self, request):
        serializer = WatTeltMetingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        traject = dossier_selectors.traject_for(request.user, data["traject"])
        meting = services.registreer_meting(
            actor=request.user,
            traject=traject,
            data=services.MetingData(
                persoon_id=data["persoon"],
                datum=data["datum"],
                variant=data["variant"],
                leefgebieden=data["leefgebieden"],
                scores=[services.ScoreData(**score) for score in data["scores"]],
                algemene_score=data["algemene_score"],
                derde_naam=data["derde_naam"],
                derde_relatie=data["derde_relatie"],
                gesprek_nummer=data["gesprek_nummer"],
                toelichting=data["toelichting"],
                sleutel=_idempotency_key(request, data["sleutel"]),
            ),
        )
        body = WatTeltMetingSerializer(selectors.meting_for(request.user, meting.pk)).data
        return Response(body, status=status.HTTP_200_OK if meting.herhaald else status.HTTP_201_CREATED)

    @extend_schema(
        request=WatTeltScoresInputSerializer,
        responses=WatTeltMetingSerializer,
        summary="De scores van één beoordelaar toevoegen (bijvoorbeeld de medewerker na de cliënt)",
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        meting = self.get_object()
        if not authorization.can_record_meting(request.user, meting.traject):
            raise PermissionDenied("Je werkt niet aan dit traject.")
        serializer = WatTeltScoresInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        given = {}
        for score in data["scores"]:
            if score["leefgebied"] in given:
                raise serializers.ValidationError({"scores": "Elk leefgebied mag één keer voorkomen."})
            given[score["leefgebied"]] = score["waarde"]
        services.geef_scores(
            actor=request.user,
            meting=meting,
            beoordelaar=data["beoordelaar"],
            scores=given,
            algemene_score=data["algemene_score"],
            derde_naam=data["derde_naam"],
            derde_relatie=data["derde_relatie"],
        )
        return Response(WatTeltMetingSerializer(selectors.meting_for(request.user, meting.pk)).data)


class WatTeltGrafiekSerializer(serializers.Serializer):
    leefgebied = serializers.CharField(source="code")
    naam = serializers.CharField(source="titel")
    labels = serializers.SerializerMethodField()
    datasets = serializers.SerializerMethodField()
    min = serializers.SerializerMethodField()
    max = serializers.SerializerMethodField()

    def get_labels(self, grafiek) -> list[str]:
        return grafiek.data["labels"]

    @extend_schema_field(
        inline_serializer(
            "WatTeltDataset",
            {
                "label": serializers.CharField(),
                "data": serializers.ListField(child=serializers.FloatField(allow_null=True)),
            },
            many=True,
        )
    )
    def get_datasets(self, grafiek):
        return [{"label": dataset["label"], "data": dataset["data"]} for dataset in grafiek.data["datasets"]]

    def get_min(self, grafiek) -> int:
        return grafiek.data["min"]

    def get_max(self, grafiek) -> int:
        return grafiek.data["max"]


class WatTeltHistorieSerializer(serializers.Serializer):
    persoon = serializers.IntegerField(source="persoon.pk")
    naam = serializers.CharField(source="persoon.volledige_naam")
    metingen = WatTeltMetingSerializer(many=True)
    grafieken = WatTeltGrafiekSerializer(many=True)


class HistorieViewSet(viewsets.GenericViewSet):
    """A client's Wat Telt history: every meting in the trajecten the user may see, and the chart
    data per leefgebied (client, worker and third party side by side, the overall score apart)."""

    serializer_class = WatTeltHistorieSerializer
    queryset = Meting.objects.none()

    @extend_schema(summary="De Wat Telt-historie van een cliënt (id van de persoon)")
    def retrieve(self, request, pk=None):
        persoon = selectors.persoon_for(request.user, int(pk))
        metingen = selectors.historie_van(request.user, persoon)
        history = charts.Historie(persoon=persoon, metingen=metingen, grafieken=charts.grafieken(metingen))
        return Response(WatTeltHistorieSerializer(history).data)


class WatTeltRondeSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="pk")
    dossiernummer = serializers.CharField()
    huishouden = serializers.CharField(source="huishouden.naam")
    team = serializers.CharField(source="team.naam")
    regisseur = serializers.IntegerField(source="regisseur_id", allow_null=True)
    ronde = serializers.IntegerField(source="wattelt_ronde")
    vervaldatum = serializers.DateField(source="wattelt_vervaldatum")
    te_laat = serializers.SerializerMethodField()

    def get_te_laat(self, traject) -> bool:
        return traject.wattelt_vervaldatum < timezone.localdate()


def _flag(params, name: str) -> bool:
    return params.get(name) in {"1", "true"}


class RondeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Wat Telt rounds that are due, the earliest first, in the trajecten the user may see."""

    serializer_class = WatTeltRondeSerializer
    queryset = Meting.objects.none()

    def get_queryset(self):
        params = self.request.query_params
        team = params.get("team", "")
        return selectors.rondes(
            self.request.user,
            alleen_mijn=_flag(params, "mine"),
            team_id=int(team) if team.isdigit() else None,
            alleen_te_laat=_flag(params, "te_laat"),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("mine", bool, description="Alleen trajecten waarin ik regisseur of betrokken ben"),
            OpenApiParameter("team", int),
            OpenApiParameter("te_laat", bool, description="Alleen rondes waarvan de datum voorbij is"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class WatTeltCijfersParamsSerializer(serializers.Serializer):
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False)
    periode = serializers.ChoiceField(choices=list(figures.PERIODES), default="maand")
    team = serializers.IntegerField(required=False)

    def validate(self, data):
        data.setdefault("tot", timezone.localdate())
        data.setdefault("van", data["tot"] - datetime.timedelta(days=365))
        if data["van"] > data["tot"]:
            raise serializers.ValidationError({"van": "De begindatum ligt na de einddatum."})
        return data


class WatTeltCijfersSerializer(serializers.Serializer):
    van = serializers.DateField()
    tot = serializers.DateField()
    metingen = inline_serializer(
        "WatTeltMetingenPerTeam",
        {
            "periode": serializers.DateField(),
            "team_id": serializers.IntegerField(),
            "team": serializers.CharField(),
            "totaal": serializers.IntegerField(),
            "digitaal": serializers.IntegerField(),
            "papier": serializers.IntegerField(),
        },
        many=True,
    )
    verandering = inline_serializer(
        "WatTeltVeranderingPerLeefgebied",
        {
            "leefgebied": serializers.CharField(),
            "naam": serializers.CharField(),
            "clienten": serializers.IntegerField(),
            "gemiddelde_verandering": serializers.FloatField(),
        },
        many=True,
    )


class CijfersViewSet(viewsets.GenericViewSet):
    """Management figures: metingen per team and period (digital and paper), and the average change
    per leefgebied between a client's first and latest round. For teammanagers and quality staff."""

    serializer_class = WatTeltCijfersSerializer
    queryset = Meting.objects.none()

    @extend_schema(
        parameters=[WatTeltCijfersParamsSerializer],
        summary="Wat Telt-cijfers voor managementinformatie",
    )
    def list(self, request):
        params = WatTeltCijfersParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        teams = authorization.team_figures_team_ids(request.user)
        if not teams:
            raise PermissionDenied("Alleen teammanagers en kwaliteitsmedewerkers zien de Wat Telt-cijfers.")
        if "team" in data:
            teams = teams & {data["team"]}
        van, tot = data["van"], data["tot"]
        body = {
            "van": van,
            "tot": tot,
            "metingen": figures.metingen_per_team(team_ids=teams, van=van, tot=tot, periode=data["periode"]),
            "verandering": figures.gemiddelde_verandering(team_ids=teams, van=van, tot=tot),
        }
        return Response(WatTeltCijfersSerializer(body).data)
