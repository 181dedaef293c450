"""The Aanvullende-zorg API, with the same rules as the screens: selectors decide what a user sees,
services and the status flow what may change. The steps endpoint enforces scope and four eyes on
the server. Bad input answers 400 with field errors, a step the status does not allow (e.g. a
second besluit) or a stale version 409, a step the user may not take 403, a request the user may
not see 404."""

import datetime

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from boks.accounts import authorization
from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.models import Traject

from . import figures, selectors, services, statusflow
from .choices import AanvraagStatus, Gecontracteerd, WettelijkKader, Zorgvorm
from .models import Aanvraag, AanvraagSoort, AanvraagStap, Bijlage, Vervanging, Verwijzing

# Output ----------------------------------------------------------------------------------------


class AanvraagSoortSerializer(serializers.ModelSerializer):
    beoordeeld_door = serializers.SerializerMethodField()

    class Meta:
        model = AanvraagSoort
        fields = [
            "id",
            "code",
            "naam",
            "toelichting",
            "met_budget",
            "periode_verplicht",
            "routering",
            "beoordelingsgroep",
            "beoordeeld_door",
            "norm_werkdagen",
        ]

    def get_beoordeeld_door(self, soort) -> str:
        return selectors.routering_label(soort)


class AanvraagStapSerializer(serializers.ModelSerializer):
    class Meta:
        model = AanvraagStap
        fields = ["stap", "van_status", "naar_status", "door", "op", "reden"]


class BijlageSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Bijlage
        fields = ["id", "naam", "content_type", "grootte", "toegevoegd_door", "toegevoegd_op", "download"]

    def get_download(self, bijlage) -> str:
        return reverse("maatwerk:bijlage", args=[bijlage.pk])


class AanvraagSerializer(serializers.ModelSerializer):
    doelen = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    stappen = AanvraagStapSerializer(many=True, read_only=True)
    bijlagen = BijlageSerializer(many=True, read_only=True)
    te_laat = serializers.BooleanField(read_only=True)
    mogelijke_stappen = serializers.SerializerMethodField()

    class Meta:
        model = Aanvraag
        fields = [
            "id",
            "traject",
            "soort",
            "status",
            "doelen",
            "vraag",
            "waarom_niet_regulier",
            "eigen_kracht",
            "gevraagde_oplossing",
            "aanbieder",
            "aanbieder_gecontracteerd",
            "bedrag",
            "periode_van",
            "periode_tot",
            "huidig_pgb_tot",
            "aangemaakt_door",
            "aangemaakt_op",
            "versie",
            "routering",
            "beoordelingsgroep",
            "ingediend_door",
            "eerst_ingediend_op",
            "norm_werkdagen",
            "termijn",
            "te_laat",
            "info_gevraagd_op",
            "werkdagen_opgeschort",
            "in_behandeling_door",
            "besluit_door",
            "besluit_op",
            "besluit_motivering",
            "beoordeling_notitie",
            "toegekend_bedrag",
            "doorlooptijd_werkdagen",
            "binnen_norm",
            "stappen",
            "bijlagen",
            "mogelijke_stappen",
        ]

    def get_mogelijke_stappen(self, aanvraag) -> list[str]:
        """The steps the requesting user may take now."""
        user = self.context["request"].user
        scope = self.context.get("scope")
        return [
            stap.name
            for stap in statusflow.beschikbare_stappen(aanvraag)
            if statusflow.mag(user, aanvraag, stap, scope)
        ]


class VerwijzingSerializer(serializers.ModelSerializer):
    doelen = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Verwijzing
        fields = [
            "id",
            "traject",
            "zorgvorm",
            "wettelijk_kader",
            "aanbieder",
            "startdatum",
            "einddatum",
            "beschikking",
            "doelen",
            "toelichting",
            "geregistreerd_door",
            "geregistreerd_op",
            "versie",
        ]


class VervangingSerializer(serializers.ModelSerializer):
    actief = serializers.BooleanField(read_only=True)

    class Meta:
        model = Vervanging
        fields = ["id", "afwezige", "vervanger", "van", "tot", "beeindigd_op", "actief"]


# Input -----------------------------------------------------------------------------------------


class AanvraagInputSerializer(serializers.Serializer):
    """A request's content. Goals are ids of gezinsplan goals (Doel) of the traject's plan."""

    doelen = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    vraag = serializers.CharField(allow_blank=True, required=False, default="")
    waarom_niet_regulier = serializers.CharField(allow_blank=True, required=False, default="")
    eigen_kracht = serializers.CharField(allow_blank=True, required=False, default="")
    gevraagde_oplossing = serializers.CharField(allow_blank=True, required=False, default="")
    aanbieder = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    aanbieder_gecontracteerd = serializers.ChoiceField(
        choices=Gecontracteerd.choices, required=False, default=Gecontracteerd.ONBEKEND
    )
    bedrag = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True, default=None)
    periode_van = serializers.DateField(required=False, allow_null=True, default=None)
    periode_tot = serializers.DateField(required=False, allow_null=True, default=None)
    huidig_pgb_tot = serializers.DateField(required=False, allow_null=True, default=None)

    def aanvraag_data(self) -> services.AanvraagData:
        return services.AanvraagData(**self.validated_data)


class AanvraagNieuwSerializer(AanvraagInputSerializer):
    traject = serializers.IntegerField()
    soort = serializers.IntegerField(help_text="Het id van een soort uit aanvraagsoorten/.")
    indienen = serializers.BooleanField(default=False, help_text="Meteen indienen in plaats van als concept bewaren.")

    def aanvraag_data(self) -> services.AanvraagData:
        data = {k: v for k, v in self.validated_data.items() if k not in {"traject", "soort", "indienen"}}
        return services.AanvraagData(**data)


class AanvraagWijzigingSerializer(AanvraagInputSerializer):
    versie = serializers.IntegerField(help_text="Het versienummer van de aanvraag zoals je die zag.")
    stap = serializers.ChoiceField(
        choices=["indienen", "aanvullen"], required=False, allow_blank=True, default="", help_text="Meteen indienen."
    )
    reden = serializers.CharField(required=False, allow_blank=True, default="")

    def aanvraag_data(self) -> services.AanvraagData:
        data = {k: v for k, v in self.validated_data.items() if k not in {"versie", "stap", "reden"}}
        return services.AanvraagData(**data)


class StapInputSerializer(serializers.Serializer):
    reden = serializers.CharField(required=False, allow_blank=True, default="")
    beoordeling_notitie = serializers.CharField(required=False, allow_blank=True, default="")
    toegekend_bedrag = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)


class BijlageInputSerializer(serializers.Serializer):
    bestand = serializers.FileField()


class VerwijzingInputSerializer(serializers.Serializer):
    zorgvorm = serializers.ChoiceField(choices=Zorgvorm.choices)
    wettelijk_kader = serializers.ChoiceField(
        choices=WettelijkKader.choices, required=False, allow_blank=True, default=""
    )
    aanbieder = serializers.CharField(max_length=200)
    startdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    beschikking = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    doelen = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class VerwijzingNieuwSerializer(VerwijzingInputSerializer):
    traject = serializers.IntegerField()


class VerwijzingWijzigingSerializer(VerwijzingInputSerializer):
    versie = serializers.IntegerField()


class VervangingInputSerializer(serializers.Serializer):
    vervanger = serializers.IntegerField()
    van = serializers.DateField()
    tot = serializers.DateField()


def _require_worker(user, traject) -> None:
    """Changes refuse before reading the body: who may only read the request learns nothing more."""
    if not authorization.can_request_aanvullende_zorg(user, traject):
        raise PermissionDenied("Je werkt niet aan dit traject, dus je kunt dit niet wijzigen.")


def _valid(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer


# Views -----------------------------------------------------------------------------------------


class AanvraagSoortViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The types of request of the user's organisation, with who assesses them and the norm."""

    serializer_class = AanvraagSoortSerializer
    queryset = AanvraagSoort.objects.none()
    pagination_class = None

    def get_queryset(self):
        organisaties = {m.team.organisatie_id for m in authorization.current_memberships(self.request.user)}
        for organisatie_id in organisaties:
            selectors.soorten_voor(organisatie_id)
        return (
            AanvraagSoort.objects.filter(organisatie_id__in=organisaties, actief=True)
            .select_related("beoordelingsgroep")
            .order_by("organisatie", "volgorde", "naam")
        )


TRAJECT_PARAMETER = OpenApiParameter("traject", int, description="Alleen de aanvragen van dit traject")
WACHTRIJ_PARAMETER = OpenApiParameter(
    "wachtrij", bool, description="Alleen de open aanvragen die jij beoordeelt, vroegste termijn eerst"
)
STATUS_PARAMETER = OpenApiParameter("status", str, enum=AanvraagStatus.values, description="Alleen deze status")


class AanvraagViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AanvraagSerializer
    queryset = Aanvraag.objects.none()

    def _scope(self):
        if not hasattr(self, "_beoordelaar_scope"):
            self._beoordelaar_scope = authorization.beoordelaar_scope(self.request.user)
        return self._beoordelaar_scope

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "scope": self._scope()}

    def get_queryset(self):
        params = self.request.query_params
        if params.get("wachtrij") in {"1", "true"}:
            queryset = selectors.wachtrij(self.request.user, self._scope())
        else:
            queryset = selectors.visible_aanvragen(self.request.user, self._scope()).order_by("-aangemaakt_op", "-pk")
        if params.get("traject", "").isdigit():
            queryset = queryset.filter(traject_id=int(params["traject"]))
        if params.get("status") in AanvraagStatus.values:
            queryset = queryset.filter(status=params["status"])
        return queryset.select_related("traject__team").prefetch_related(
            "doelen",
            "traject__betrokkenen",
            Prefetch("stappen", queryset=AanvraagStap.objects.order_by("op", "pk")),
            "bijlagen",
        )

    def get_object(self):
        return selectors.aanvraag_for(self.request.user, int(self.kwargs["pk"]), self._scope())

    def _response(self, aanvraag_id: int, code=status.HTTP_200_OK) -> Response:
        fresh = selectors.aanvraag_for(self.request.user, aanvraag_id, self._scope())
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(parameters=[TRAJECT_PARAMETER, WACHTRIJ_PARAMETER, STATUS_PARAMETER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=AanvraagNieuwSerializer, responses={201: AanvraagSerializer}, summary="Aanvraag maken")
    def create(self, request):
        serializer = _valid(AanvraagNieuwSerializer, request)
        data = serializer.validated_data
        traject = dossier_selectors.traject_for(request.user, data["traject"])
        soort = selectors.soorten_voor(traject.team.organisatie_id).filter(pk=data["soort"]).first()
        if soort is None:
            raise serializers.ValidationError({"soort": ["Kies een soort aanvraag van je eigen organisatie."]})
        aanvraag = services.create_aanvraag(
            actor=request.user, traject=traject, soort=soort, data=serializer.aanvraag_data(), indienen=data["indienen"]
        )
        return self._response(aanvraag.pk, status.HTTP_201_CREATED)

    @extend_schema(request=AanvraagWijzigingSerializer, responses=AanvraagSerializer, summary="Aanvraag wijzigen")
    def partial_update(self, request, pk=None):
        aanvraag = self.get_object()
        _require_worker(request.user, aanvraag.traject)
        current = {
            "doelen": [doel.pk for doel in aanvraag.doelen.all()],
            **{name: getattr(aanvraag, name) for name in services._TEXT_FIELDS + services._VALUE_FIELDS},
        }
        serializer = AanvraagWijzigingSerializer(data={**current, **request.data})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.update_aanvraag(
            actor=request.user,
            aanvraag_id=aanvraag.pk,
            expected_versie=data["versie"],
            data=serializer.aanvraag_data(),
            stap=data["stap"] or None,
            reden=data["reden"],
        )
        return self._response(aanvraag.pk)

    @extend_schema(
        request=StapInputSerializer,
        responses=AanvraagSerializer,
        summary="Een stap zetten: indienen, in_behandeling_nemen, informatie_vragen, aanvullen, toekennen, "
        "gedeeltelijk_toekennen, afwijzen of intrekken",
    )
    @action(detail=True, methods=["post"], url_path=r"stappen/(?P<stap>[a-z_]+)")
    def stap(self, request, pk=None, stap=None):
        if stap not in statusflow.STAPPEN:
            raise NotFound(f"Onbekende stap '{stap}'. Mogelijk: {', '.join(statusflow.STAPPEN)}.")
        aanvraag = self.get_object()
        statusflow.check_may(request.user, aanvraag, statusflow.STAPPEN[stap])
        data = _valid(StapInputSerializer, request).validated_data
        statusflow.perform(
            aanvraag_id=aanvraag.pk,
            stap=stap,
            actor=request.user,
            reden=data["reden"],
            beoordeling_notitie=data["beoordeling_notitie"],
            toegekend_bedrag=data.get("toegekend_bedrag"),
        )
        return self._response(aanvraag.pk)

    @extend_schema(methods=["get"], responses=BijlageSerializer(many=True), summary="Bijlagen van de aanvraag")
    @extend_schema(
        methods=["post"], request={"multipart/form-data": BijlageInputSerializer}, responses={201: BijlageSerializer}
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser])
    def bijlagen(self, request, pk=None):
        aanvraag = self.get_object()
        if request.method == "GET":
            return Response(BijlageSerializer(aanvraag.bijlagen.all(), many=True).data)
        _require_worker(request.user, aanvraag.traject)
        data = _valid(BijlageInputSerializer, request).validated_data
        bijlage = services.add_bijlage(actor=request.user, aanvraag_id=aanvraag.pk, bestand=data["bestand"])
        return Response(BijlageSerializer(bijlage).data, status=status.HTTP_201_CREATED)


class VerwijzingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = VerwijzingSerializer
    queryset = Verwijzing.objects.none()

    def get_queryset(self):
        trajecten = authorization.visible_trajecten(
            self.request.user, Traject.objects.all(), authorization.Onderwerp.AANVULLENDE_ZORG
        )
        queryset = (
            Verwijzing.objects.filter(traject__in=trajecten).prefetch_related("doelen").order_by("-startdatum", "-pk")
        )
        traject = self.request.query_params.get("traject", "")
        return queryset.filter(traject_id=int(traject)) if traject.isdigit() else queryset

    def get_object(self):
        return selectors.verwijzing_for(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(parameters=[OpenApiParameter("traject", int, description="Alleen de verwijzingen van dit traject")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=VerwijzingNieuwSerializer, responses={201: VerwijzingSerializer}, summary="Verwijzing registreren"
    )
    def create(self, request):
        data = dict(_valid(VerwijzingNieuwSerializer, request).validated_data)
        traject = dossier_selectors.traject_for(request.user, data.pop("traject"))
        verwijzing = services.register_verwijzing(
            actor=request.user, traject=traject, data=services.VerwijzingData(**data)
        )
        return Response(VerwijzingSerializer(selectors.verwijzing_for(request.user, verwijzing.pk)).data, status=201)

    @extend_schema(
        request=VerwijzingWijzigingSerializer, responses=VerwijzingSerializer, summary="Verwijzing bijwerken"
    )
    def partial_update(self, request, pk=None):
        verwijzing = self.get_object()
        _require_worker(request.user, verwijzing.traject)
        current = {
            "zorgvorm": verwijzing.zorgvorm,
            "wettelijk_kader": verwijzing.wettelijk_kader,
            "aanbieder": verwijzing.aanbieder,
            "startdatum": verwijzing.startdatum,
            "einddatum": verwijzing.einddatum,
            "beschikking": verwijzing.beschikking,
            "doelen": [doel.pk for doel in verwijzing.doelen.all()],
            "toelichting": verwijzing.toelichting,
        }
        serializer = VerwijzingWijzigingSerializer(data={**current, **request.data})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        expected = data.pop("versie")
        services.update_verwijzing(
            actor=request.user,
            verwijzing_id=verwijzing.pk,
            expected_versie=expected,
            data=services.VerwijzingData(**data),
        )
        return Response(VerwijzingSerializer(selectors.verwijzing_for(request.user, verwijzing.pk)).data)


class VervangingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your stand-ins: whom you named for a period, and for whom you stand in."""

    serializer_class = VervangingSerializer
    queryset = Vervanging.objects.none()

    def get_queryset(self):
        return selectors.vervangingen_van(self.request.user)

    @extend_schema(
        request=VervangingInputSerializer, responses={201: VervangingSerializer}, summary="Vervanger aanwijzen"
    )
    def create(self, request):
        data = _valid(VervangingInputSerializer, request).validated_data
        vervanger = selectors.vervanger_choices(request.user).filter(pk=data["vervanger"]).first()
        if vervanger is None:
            raise serializers.ValidationError({"vervanger": ["Kies een collega van je eigen organisatie."]})
        vervanging = services.name_vervanger(actor=request.user, vervanger=vervanger, van=data["van"], tot=data["tot"])
        return Response(VervangingSerializer(vervanging).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=VervangingSerializer, summary="Vervanging beëindigen")
    @action(detail=True, methods=["post"])
    def beeindigen(self, request, pk=None):
        found = self.get_queryset().filter(pk=pk).first()
        if found is None:
            raise NotFound
        return Response(VervangingSerializer(services.end_vervanging(actor=request.user, vervanging_id=found.pk)).data)


class CijfersParamsSerializer(serializers.Serializer):
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False)
    team = serializers.IntegerField(required=False)

    def validate(self, data):
        data.setdefault("tot", timezone.localdate())
        data.setdefault("van", data["tot"] - datetime.timedelta(days=365))
        if data["van"] > data["tot"]:
            raise serializers.ValidationError({"van": "De begindatum ligt na de einddatum."})
        return data


class CijfersSerializer(serializers.Serializer):
    van = serializers.DateField()
    tot = serializers.DateField()
    aanvragen = inline_serializer(
        "AanvragenPerSoortStatusTeam",
        {
            "soort_code": serializers.CharField(),
            "soort_naam": serializers.CharField(),
            "status": serializers.ChoiceField(choices=AanvraagStatus.choices),
            "team_id": serializers.IntegerField(),
            "team": serializers.CharField(),
            "aantal": serializers.IntegerField(),
        },
        many=True,
    )
    besluiten = inline_serializer(
        "BesluitenPerSoort",
        {
            "soort_code": serializers.CharField(),
            "soort_naam": serializers.CharField(),
            "besloten": serializers.IntegerField(),
            "toegekend": serializers.IntegerField(),
            "gedeeltelijk_toegekend": serializers.IntegerField(),
            "afgewezen": serializers.IntegerField(),
            "gemiddelde_doorlooptijd": serializers.FloatField(allow_null=True),
            "binnen_norm": serializers.IntegerField(),
            "aandeel_binnen_norm": serializers.FloatField(allow_null=True),
        },
        many=True,
    )
    verwijzingen = inline_serializer(
        "VerwijzingenPerZorgvormAanbieder",
        {
            "zorgvorm": serializers.ChoiceField(choices=Zorgvorm.choices),
            "wettelijk_kader": serializers.ChoiceField(choices=WettelijkKader.choices),
            "aanbieder": serializers.CharField(),
            "aantal": serializers.IntegerField(),
        },
        many=True,
    )


class CijfersViewSet(viewsets.GenericViewSet):
    """Management figures: requests per type, status and team; besluiten with the lead time in
    werkdagen and the share within the norm; referrals per zorgvorm and aanbieder. For teammanagers
    and quality staff, over their own teams."""

    serializer_class = CijfersSerializer
    queryset = Aanvraag.objects.none()

    @extend_schema(parameters=[CijfersParamsSerializer], summary="Cijfers aanvullende zorg")
    def list(self, request):
        params = CijfersParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        teams = authorization.team_figures_team_ids(request.user)
        if not teams:
            raise PermissionDenied("Alleen teammanagers en kwaliteitsmedewerkers zien de cijfers aanvullende zorg.")
        if "team" in data:
            teams = teams & {data["team"]}
        van, tot = data["van"], data["tot"]
        body = {
            "van": van,
            "tot": tot,
            "aanvragen": figures.aanvragen_per_soort_status_team(team_ids=teams, van=van, tot=tot),
            "besluiten": figures.besluiten_per_soort(team_ids=teams, van=van, tot=tot),
            "verwijzingen": figures.verwijzingen_per_zorgvorm_aanbieder(team_ids=teams, van=van, tot=tot),
        }
        return Response(CijfersSerializer(body).data)
