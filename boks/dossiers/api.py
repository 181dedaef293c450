"""The dossiers API. Views are thin: selectors decide what a user sees (identical to the UI), the
services and the workflow decide what may change. Domain errors become 400 and 409 responses."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from boks.accounts import authorization
from boks.accounts.models import Team, User
from boks.audit import log as access_log

from . import selectors, services, workflow
from .choices import (
    Afsluitreden,
    ContactSoort,
    Leefgebied,
    Melder,
    RedenNietZichtbaar,
    RedenVertraging,
    Rol,
    Status,
    TrajectSoort,
    Urgentie,
    ZelfstandigVerder,
)
from .forms import MAX_DAGEN_WACHTEND
from .models import Contactmoment, Huishouden, Persoon, TijdlijnGebeurtenis, Traject


class PersoonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Persoon
        fields = ["id", "voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "bsn", "rol", "telefoon", "email"]


class HuishoudenSerializer(serializers.ModelSerializer):
    personen = PersoonSerializer(many=True, read_only=True)

    class Meta:
        model = Huishouden
        fields = ["id", "naam", "team", "straat", "huisnummer", "postcode", "woonplaats", "wijk", "personen"]


class TrajectSerializer(serializers.ModelSerializer):
    huishouden = HuishoudenSerializer(read_only=True)
    ondersteuningsvragen = serializers.SerializerMethodField()
    mogelijke_stappen = serializers.SerializerMethodField()

    class Meta:
        model = Traject
        fields = [
            "id",
            "dossiernummer",
            "huishouden",
            "team",
            "regisseur",
            "betrokkenen",
            "status",
            "aanmelddatum",
            "melder",
            "melder_toelichting",
            "aanmeldvraag",
            "urgentie",
            "soort",
            "ondersteuningsvragen",
            "kennismaking_gepland_op",
            "kennismaking_op",
            "werkdagen_tot_kennismaking",
            "kalenderdagen_tot_kennismaking",
            "reden_vertraging",
            "begeleiding_gestart_op",
            "uitvoering_gestart_op",
            "afgesloten_op",
            "afsluitreden",
            "zelfstandig_verder",
            "rapportcijfer",
            "mogelijke_stappen",
        ]

    def get_ondersteuningsvragen(self, traject) -> list[str]:
        return [vraag.leefgebied for vraag in traject.ondersteuningsvragen.all()]

    def get_mogelijke_stappen(self, traject) -> list[str]:
        return [transition.name for transition in workflow.available_transitions(traject)]


class AanmeldingPersoonSerializer(serializers.Serializer):
    voornaam = serializers.CharField(max_length=100)
    tussenvoegsel = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    achternaam = serializers.CharField(max_length=150)
    geboortedatum = serializers.DateField()
    bsn = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    rol = serializers.ChoiceField(choices=Rol.choices)
    telefoon = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class AanmeldingHuishoudenSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=200)
    straat = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    huisnummer = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True, default="")
    woonplaats = serializers.CharField(max_length=100, required=False, allow_blank=True, default="Utrecht")
    wijk_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class AanmeldingSerializer(serializers.Serializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    aanmelddatum = serializers.DateField()
    melder = serializers.ChoiceField(choices=Melder.choices)
    melder_toelichting = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    aanmeldvraag = serializers.CharField()
    urgentie = serializers.ChoiceField(choices=Urgentie.choices, default=Urgentie.GEEN)
    leefgebieden = serializers.ListField(child=serializers.ChoiceField(choices=Leefgebied.choices), default=list)
    soort = serializers.ChoiceField(choices=TrajectSoort.choices, default=TrajectSoort.BUURTTEAM)
    persoon = AanmeldingPersoonSerializer(required=False)
    huishouden = AanmeldingHuishoudenSerializer(required=False)
    bestaand_huishouden = serializers.IntegerField(required=False, allow_null=True, default=None)
    regisseur = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False, allow_null=True)
    duplicate_confirmed = serializers.BooleanField(default=False)


class StapSerializer(serializers.Serializer):
    """The data of a workflow step; each step uses the fields it needs."""

    datum = serializers.DateField(required=False, allow_null=True, default=None)
    reden_vertraging = serializers.ChoiceField(choices=RedenVertraging.choices, required=False, allow_blank=True)
    afsluitreden = serializers.ChoiceField(choices=Afsluitreden.choices, required=False, allow_blank=True)
    zelfstandig_verder = serializers.ChoiceField(choices=ZelfstandigVerder.choices, required=False, allow_blank=True)
    rapportcijfer = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=10)
    reden = serializers.CharField(required=False, allow_blank=True)


class RegisseurSerializer(serializers.Serializer):
    regisseur = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())


class ContactmomentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contactmoment
        fields = [
            "id",
            "traject",
            "auteur",
            "plaatsgevonden_op",
            "soort",
            "deelnemers",
            "duur_minuten",
            "tekst",
            "zichtbaar_voor_client",
            "reden_niet_zichtbaar",
            "corrigeert",
            "versie",
            "aangemaakt_op",
            "betreft",
        ]
        read_only_fields = ["traject", "auteur", "aangemaakt_op", "betreft"]


class ContactmomentInputSerializer(serializers.Serializer):
    plaatsgevonden_op = serializers.DateTimeField()
    soort = serializers.ChoiceField(choices=ContactSoort.choices)
    tekst = serializers.CharField()
    deelnemers = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    duur_minuten = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=24 * 60, default=None
    )
    zichtbaar_voor_client = serializers.BooleanField(default=True)
    reden_niet_zichtbaar = serializers.ChoiceField(
        choices=RedenNietZichtbaar.choices, required=False, allow_blank=True, default=""
    )
    corrigeert = serializers.IntegerField(required=False, allow_null=True, default=None)
    versie = serializers.IntegerField(required=False, default=0)
    betreft = serializers.PrimaryKeyRelatedField(
        queryset=Persoon.objects.all(),
        many=True,
        required=False,
        default=list,
        help_text="De gezinsleden over wie het gaat; leeg: het hele huishouden.",
    )
    koppelingen = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        required=False,
        default=dict,
        help_text="Waar dit contactmoment over ging, bijvoorbeeld {'doelen': [12, 14]} (ids van doelen uit het plan).",
    )


class TijdlijnSerializer(serializers.ModelSerializer):
    class Meta:
        model = TijdlijnGebeurtenis
        fields = [
            "id",
            "traject",
            "soort",
            "titel",
            "omschrijving",
            "plaatsgevonden_op",
            "actor",
            "zichtbaar_voor_client",
        ]


def _require(allowed: bool) -> None:
    """Writes refuse before reading the body, so who may only read learns nothing more."""
    if not allowed:
        raise PermissionDenied("Je mag dit bij dit traject niet doen.")


class TrajectFilterSerializer(serializers.Serializer):
    """The list's query string; a value that makes no sense is a 400 naming the parameter."""

    status = serializers.ChoiceField(choices=Status.choices, required=False)
    team = serializers.IntegerField(min_value=1, required=False)
    over_norm = serializers.BooleanField(required=False, default=False)
    q = serializers.CharField(
        required=False,
        max_length=100,
        default="",
        allow_blank=True,
        help_text="Naam, geboortedatum (dd-mm-jjjj), BSN of dossiernummer",
    )
    sort = serializers.ChoiceField(choices=list(selectors.SORTS), required=False, default=selectors.DEFAULT_SORT)
    mine = serializers.BooleanField(
        required=False, default=False, help_text="Alleen trajecten waarin ik regisseur of betrokken ben"
    )
    include_closed = serializers.BooleanField(required=False, default=False)
    min_dagen_wachtend = serializers.IntegerField(
        min_value=0,
        max_value=MAX_DAGEN_WACHTEND,
        required=False,
        help_text="Wachtenden die minstens zoveel dagen wachten",
    )


def _filters(params) -> tuple[selectors.TrajectFilters, bool]:
    """The filters and whether only the user's own caseload is asked for."""
    serializer = TrajectFilterSerializer(data=params)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    filters = selectors.TrajectFilters(
        status=data.get("status", ""),
        team_id=data.get("team"),
        over_norm=data["over_norm"],
        q=data["q"],
        sort=data["sort"],
        include_closed=data["include_closed"],
        min_dagen_wachtend=data.get("min_dagen_wachtend"),
    )
    return filters, data["mine"]


class TrajectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TrajectSerializer

    def get_queryset(self):
        if self.action == "list":
            filters, mine = _filters(self.request.query_params)
            if mine:
                return selectors.caseload(self.request.user, filters).prefetch_related(
                    "ondersteuningsvragen", "betrokkenen"
                )
            return selectors.team_trajecten(self.request.user, filters).prefetch_related(
                "ondersteuningsvragen", "betrokkenen"
            )
        return authorization.visible_trajecten(self.request.user, Traject.objects.all())

    def get_object(self):
        return selectors.traject_for(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(parameters=[TrajectFilterSerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.action == "list":
            access_log.read_list(page if page is not None else queryset, "Lijst via de API")
        return page

    @extend_schema(request=AanmeldingSerializer, responses={201: TrajectSerializer}, summary="Aanmelding registreren")
    def create(self, request):
        serializer = AanmeldingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        existing = None
        if data["bestaand_huishouden"]:
            existing = selectors.huishouden_for(request.user, data["bestaand_huishouden"])
        traject = services.register_aanmelding(
            actor=request.user,
            team=data["team"],
            aanmelding=services.AanmeldingData(
                aanmelddatum=data["aanmelddatum"],
                melder=data["melder"],
                melder_toelichting=data["melder_toelichting"],
                aanmeldvraag=data["aanmeldvraag"],
                urgentie=data["urgentie"],
                leefgebieden=data["leefgebieden"],
                soort=data["soort"],
            ),
            persoon=services.PersoonData(**data["persoon"]) if "persoon" in data else None,
            huishouden=services.HuishoudenData(**data["huishouden"]) if "huishouden" in data else None,
            bestaand_huishouden=existing,
            regisseur=data.get("regisseur"),
            duplicate_confirmed=data["duplicate_confirmed"],
        )
        return Response(TrajectSerializer(selectors.traject_for(request.user, traject.pk)).data, status=201)

    @extend_schema(request=StapSerializer, responses=TrajectSerializer, summary="Een stap in de workflow zetten")
    @action(detail=True, methods=["post"], url_path=r"stappen/(?P<stap>[a-z_]+)")
    def stap(self, request, pk=None, stap=None):
        if stap not in workflow.TRANSITIONS:
            raise NotFound(f"Onbekende stap '{stap}'. Mogelijk: {', '.join(workflow.TRANSITIONS)}.")
        traject = self.get_object()
        _require(workflow.may_perform(request.user, traject, stap))
        serializer = StapSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {key: value for key, value in serializer.validated_data.items() if value not in ("", None)}
        data.setdefault("datum", None)
        workflow.perform(traject_id=traject.pk, name=stap, actor=request.user, **data)
        return Response(TrajectSerializer(selectors.traject_for(request.user, traject.pk)).data)

    @extend_schema(request=RegisseurSerializer, responses=TrajectSerializer, summary="Regisseur toewijzen")
    @action(detail=True, methods=["post"])
    def regisseur(self, request, pk=None):
        traject = self.get_object()
        _require(authorization.can_distribute(request.user, traject))
        serializer = RegisseurSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.assign_regisseur(actor=request.user, traject=traject, regisseur=serializer.validated_data["regisseur"])
        return Response(TrajectSerializer(selectors.traject_for(request.user, traject.pk)).data)

    @extend_schema(
        request=AanmeldingPersoonSerializer, responses={201: PersoonSerializer}, summary="Gezinslid toevoegen"
    )
    @action(detail=True, methods=["post"])
    def gezinsleden(self, request, pk=None):
        traject = self.get_object()
        _require(authorization.can_work_on_traject(request.user, traject))
        serializer = AanmeldingPersoonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        persoon = services.add_persoon(
            actor=request.user, traject=traject, persoon=services.PersoonData(**serializer.validated_data)
        )
        return Response(PersoonSerializer(persoon).data, status=201)

    @extend_schema(
        methods=["get"], responses=ContactmomentSerializer(many=True), summary="Het contactjournaal van een traject"
    )
    @extend_schema(
        methods=["post"],
        request=ContactmomentInputSerializer,
        responses={201: ContactmomentSerializer},
        summary="Contactmoment schrijven",
    )
    @action(detail=True, methods=["get", "post"])
    def contactmomenten(self, request, pk=None):
        traject = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.contactmomenten(traject))
            return self.get_paginated_response(ContactmomentSerializer(page, many=True).data)
        _require(authorization.can_work_on_traject(request.user, traject))
        serializer = ContactmomentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        corrected = None
        if serializer.validated_data["corrigeert"]:
            corrected = get_object_or_404(Contactmoment, pk=serializer.validated_data["corrigeert"], traject=traject)
        entry = services.write_contactmoment(
            actor=request.user,
            traject=traject,
            data=services.ContactmomentData.from_mapping(serializer.validated_data),
            corrigeert=corrected,
        )
        return Response(ContactmomentSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=TijdlijnSerializer(many=True), summary="De tijdlijn van een traject")
    @action(detail=True, methods=["get"])
    def tijdlijn(self, request, pk=None):
        traject = self.get_object()
        page = self.paginate_queryset(selectors.timeline(traject=traject))
        return self.get_paginated_response(TijdlijnSerializer(page, many=True).data)


class HuishoudenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HuishoudenSerializer

    def get_queryset(self):
        return (
            authorization.visible_huishoudens(self.request.user, Huishouden.objects.all())
            .prefetch_related("personen")
            .order_by("naam", "pk")
        )

    def get_object(self):
        return selectors.huishouden_for(self.request.user, int(self.kwargs["pk"]))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.action == "list":
            for huishouden in page if page is not None else queryset:
                access_log.read(huishouden=huishouden, omschrijving=f"Lijst via de API: {huishouden.naam}")
        return page

    @extend_schema(responses=TijdlijnSerializer(many=True), summary="De tijdlijn van een huishouden")
    @action(detail=True, methods=["get"])
    def tijdlijn(self, request, pk=None):
        huishouden = self.get_object()
        page = self.paginate_queryset(selectors.timeline(huishouden=huishouden))
        return self.get_paginated_response(TijdlijnSerializer(page, many=True).data)


class ContactmomentViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ContactmomentSerializer
    queryset = Contactmoment.objects.none()

    def get_object(self):
        return selectors.contactmoment_for(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(
        request=ContactmomentInputSerializer,
        responses=ContactmomentSerializer,
        summary="Contactmoment verbeteren (binnen de correctietermijn; stuur de versie mee)",
    )
    def update(self, request, pk=None):
        entry = self.get_object()
        serializer = ContactmomentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        corrected = services.correct_contactmoment(
            actor=request.user,
            contactmoment_id=entry.pk,
            expected_versie=serializer.validated_data["versie"],
            data=services.ContactmomentData.from_mapping(serializer.validated_data),
        )
        return Response(ContactmomentSerializer(corrected).data)
