"""The privacy API, for integration (a municipality's case system, the organisation's register of
processing): external requests can be read and registered, AVG requests and destructions read. The
same selectors and services as the screens decide: a user whose role has no relation to the subject
gets 403; a request outside their reach 404; bad input 400 with field errors, checked after those two.
Exports are not offered here: they are made on the screens, where what is shared is shown first."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from boks.accounts import authorization
from boks.dossiers import selectors as dossier_selectors

from . import selectors
from .choices import AvgSoort, AvgStatus, ExternStatus, SoortGrondslag, SoortVerzoeker, VernietigingStatus
from .models import AvgVerzoek, AvgVerzoekStap, ExternVerzoek, ExternVerzoekStap, Vernietiging, VerstrekkingItem
from .services import extern

Onderwerp, Handeling = authorization.Onderwerp, authorization.Handeling

# Output ----------------------------------------------------------------------------------------


class ExternVerzoekStapSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternVerzoekStap
        fields = ["stap", "van_status", "naar_status", "door", "op", "toelichting"]


class AvgVerzoekStapSerializer(serializers.ModelSerializer):
    class Meta:
        model = AvgVerzoekStap
        fields = ["stap", "van_status", "naar_status", "door", "op", "toelichting"]


class VerstrekkingItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = VerstrekkingItem
        fields = ["soort", "object_id", "omschrijving", "datum", "toegevoegd_door", "toegevoegd_op"]


class ExternVerzoekSerializer(serializers.ModelSerializer):
    items = VerstrekkingItemSerializer(many=True, read_only=True)
    stappen = ExternVerzoekStapSerializer(many=True, read_only=True)
    te_laat = serializers.BooleanField(read_only=True)

    class Meta:
        model = ExternVerzoek
        fields = [
            "id",
            "nummer",
            "status",
            "organisatie",
            "traject",
            "dossiernummer",
            "persoon",
            "soort_verzoeker",
            "verzoeker",
            "contactpersoon",
            "contact_email",
            "contact_telefoon",
            "kenmerk",
            "grondslag_soort",
            "grondslag",
            "gevraagde_gegevens",
            "ontvangen_op",
            "termijn",
            "te_laat",
            "geregistreerd_door",
            "geregistreerd_op",
            "voorgelegd_door",
            "voorgelegd_op",
            "beoordeeld_door",
            "beoordeeld_op",
            "besluit_toelichting",
            "verstrekt_door",
            "verstrekt_op",
            "gesprek_op",
            "uitkomst",
            "afgerond_op",
            "dossier_vernietigd_op",
            "items",
            "stappen",
        ]


class AvgVerzoekSerializer(serializers.ModelSerializer):
    stappen = AvgVerzoekStapSerializer(many=True, read_only=True)
    te_laat = serializers.BooleanField(read_only=True)

    class Meta:
        model = AvgVerzoek
        fields = [
            "id",
            "nummer",
            "soort",
            "status",
            "organisatie",
            "traject",
            "dossiernummer",
            "persoon",
            "aanvrager",
            "aanvrager_toelichting",
            "kanaal",
            "ingediend_door",
            "ingediend_op",
            "termijn",
            "te_laat",
            "wat_onjuist",
            "wat_juist",
            "waar",
            "toelichting",
            "besluit_door",
            "besluit_op",
            "besluit_toelichting",
            "uitgevoerd_op",
            "dossier_vernietigd_op",
            "stappen",
        ]


class VernietigingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vernietiging
        fields = [
            "id",
            "organisatie",
            "team",
            "huishouden_nummer",
            "persoon_nummer",
            "dossiernummers",
            "dossiersoort",
            "aanleiding",
            "omvang",
            "avg_verzoek",
            "laatste_wijziging",
            "bewaartermijn_jaren",
            "vernietigen_vanaf",
            "status",
            "voorgesteld_op",
            "beoordeeld_door",
            "beoordeeld_op",
            "reden",
            "bewaren_tot",
            "uitgevoerd_op",
            "telling",
        ]


# Input -----------------------------------------------------------------------------------------


class ExternVerzoekInputSerializer(serializers.Serializer):
    traject = serializers.IntegerField(help_text="Het traject waarover gegevens worden gevraagd.")
    persoon = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Een gezinslid; leeg: het hele huishouden."
    )
    soort_verzoeker = serializers.ChoiceField(choices=SoortVerzoeker.choices)
    verzoeker = serializers.CharField(max_length=200)
    contactpersoon = serializers.CharField(max_length=200)
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    contact_telefoon = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    kenmerk = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    grondslag_soort = serializers.ChoiceField(choices=SoortGrondslag.choices)
    grondslag = serializers.CharField()
    gevraagde_gegevens = serializers.CharField()
    ontvangen_op = serializers.DateField()
    termijn = serializers.DateField()


class ExternFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ExternStatus.choices, required=False)
    traject = serializers.IntegerField(required=False)


class AvgFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AvgStatus.choices, required=False)
    soort = serializers.ChoiceField(choices=AvgSoort.choices, required=False)


class VernietigingFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=VernietigingStatus.choices, required=False)


def _filters(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _gate(request, onderwerp: str, handeling: str = Handeling.LEZEN) -> None:
    if not authorization.role_may(request.user, onderwerp, handeling):
        raise PermissionDenied("Je rol heeft geen toegang tot deze gegevens.")


# Views -----------------------------------------------------------------------------------------


class ExternVerzoekViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """External requests for dossier data (handhaving, police) the user may see, with what was compiled
    and every status step."""

    serializer_class = ExternVerzoekSerializer
    queryset = ExternVerzoek.objects.none()

    def get_queryset(self):
        filters = _filters(ExternFilterSerializer, self.request)
        queryset = selectors.extern_verzoeken(self.request.user, status=filters.get("status", ""))
        if "traject" in filters:
            queryset = queryset.filter(traject_id=filters["traject"])
        return queryset.prefetch_related("items", "stappen")

    def get_object(self):
        return selectors.extern_verzoek_for(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=ExternStatus.values, description="Alleen deze status"),
            OpenApiParameter("traject", int, description="Alleen de verzoeken over dit traject"),
        ]
    )
    def list(self, request, *args, **kwargs):
        _gate(request, Onderwerp.EXTERN_VERZOEK)
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=ExternVerzoekInputSerializer,
        responses={201: ExternVerzoekSerializer},
        summary="Extern verzoek registreren",
    )
    def create(self, request, *args, **kwargs):
        _gate(request, Onderwerp.EXTERN_VERZOEK, Handeling.VASTLEGGEN)
        traject_id = request.data.get("traject")
        if isinstance(traject_id, int) or (isinstance(traject_id, str) and traject_id.isdigit()):
            # Who may act on this traject is decided before the rest of the input is read.
            traject = dossier_selectors.traject_for(request.user, int(traject_id))
            if not authorization.can_register_extern_verzoek(request.user, traject):
                raise PermissionDenied("Je werkt niet aan dit traject.")
        serializer = ExternVerzoekInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        traject = dossier_selectors.traject_for(request.user, data.pop("traject"))
        persoon_id = data.pop("persoon")
        persoon = traject.huishouden.personen.filter(pk=persoon_id).first() if persoon_id else None
        if persoon_id and persoon is None:
            raise serializers.ValidationError({"persoon": ["Kies een gezinslid van dit huishouden."]})
        verzoek = extern.registreer(
            actor=request.user, traject=traject, data=extern.ExternVerzoekData(**data, persoon=persoon)
        )
        fresh = selectors.extern_verzoek_for(request.user, verzoek.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


class AvgVerzoekViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """AVG requests (inzage, verbetering, vroegtijdige vernietiging) the user may see."""

    serializer_class = AvgVerzoekSerializer
    queryset = AvgVerzoek.objects.none()

    def get_queryset(self):
        filters = _filters(AvgFilterSerializer, self.request)
        return selectors.avg_verzoeken(self.request.user, **filters).prefetch_related("stappen")

    def get_object(self):
        return selectors.avg_verzoek_for(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=AvgStatus.values, description="Alleen deze status"),
            OpenApiParameter("soort", str, enum=AvgSoort.values, description="Alleen deze soort"),
        ]
    )
    def list(self, request, *args, **kwargs):
        _gate(request, Onderwerp.AVG_VERZOEK)
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)


class VernietigingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Proposed, approved, postponed and carried-out destructions of dossiers: for the privacyfunctionaris
    and the organisation's archive. Ids and counts, never names."""

    serializer_class = VernietigingSerializer
    queryset = Vernietiging.objects.none()

    def get_queryset(self):
        filters = _filters(VernietigingFilterSerializer, self.request)
        return selectors.vernietigingen(self.request.user, status=filters.get("status", ""))

    def get_object(self):
        return selectors.vernietiging_for(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=VernietigingStatus.values, description="Alleen deze status")]
    )
    def list(self, request, *args, **kwargs):
        _gate(request, Onderwerp.BEWAARTERMIJN)
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        _gate(request, Onderwerp.BEWAARTERMIJN)
        return Response(self.get_serializer(self.get_object()).data)
