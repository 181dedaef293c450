"""The gezinsplan API. The traject's permissions apply: selectors decide what a user sees, services
what may change. Rule violations answer 400 with field errors, a vastgestelde version or a stale
version number 409, something the user may not see 404."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from boks.dossiers import selectors as dossier_selectors
from boks.dossiers.choices import Leefgebied
from boks.dossiers.models import Persoon

from . import selectors, services
from .choices import AfspraakStatus, Beoordelaar, DoelStatus, InstemmingWijze, RegieBij, VeiligheidOordeel, WieSoort
from .models import (
    Afweging,
    DoelVoorstel,
    Evaluatie,
    Gezinsplan,
    NetwerkLid,
    PlanAfspraak,
    PlanDoel,
    PlanVersie,
    Schaalvraag,
    Score,
)

# Output ----------------------------------------------------------------------------------------


class PlanScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = [
            "id",
            "datum",
            "beoordelaar",
            "persoon",
            "beoordelaar_naam",
            "waarde",
            "schaal_min",
            "schaal_max",
            "toelichting",
        ]


class SchaalvraagSerializer(serializers.ModelSerializer):
    scores = PlanScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Schaalvraag
        fields = ["id", "doel", "vraag", "betekenis_laag", "betekenis_hoog", "scores"]


class PlanDoelSerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="doel.status", read_only=True)
    herkomst = serializers.CharField(source="doel.herkomst", read_only=True)
    schaalvragen = SchaalvraagSerializer(source="doel.schaalvragen", many=True, read_only=True)
    versie = serializers.IntegerField(source="versie_teller", read_only=True)

    class Meta:
        model = PlanDoel
        fields = [
            "id",
            "doel",
            "omschrijving",
            "leefgebied",
            "prioriteit",
            "eigenaren",
            "status",
            "herkomst",
            "schaalvragen",
            "versie",
        ]


class PlanAfspraakSerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="afspraak.status", read_only=True)
    wie = serializers.CharField(read_only=True)
    versie = serializers.IntegerField(source="versie_teller", read_only=True)

    class Meta:
        model = PlanAfspraak
        fields = [
            "id",
            "afspraak",
            "doel",
            "wat",
            "wie_soort",
            "wie_persoon",
            "wie_naam",
            "wie",
            "uiterlijk_op",
            "status",
            "versie",
        ]


class NetwerkLidSerializer(serializers.ModelSerializer):
    versie = serializers.IntegerField(source="versie_teller", read_only=True)

    class Meta:
        model = NetwerkLid
        fields = ["id", "naam", "relatie", "rol", "versie"]


class AfwegingSerializer(serializers.ModelSerializer):
    versie = serializers.IntegerField(source="versie_teller", read_only=True)

    class Meta:
        model = Afweging
        fields = ["id", "deskundige", "deskundigheid", "tekst", "versie"]


class PlanVersieSerializer(serializers.ModelSerializer):
    doelen = PlanDoelSerializer(many=True, read_only=True)
    afspraken = PlanAfspraakSerializer(many=True, read_only=True)
    netwerk = NetwerkLidSerializer(many=True, read_only=True)
    afwegingen = AfwegingSerializer(many=True, read_only=True)
    sjabloon = serializers.CharField(source="sjabloon_versie.__str__", read_only=True)

    class Meta:
        model = PlanVersie
        fields = [
            "id",
            "plan",
            "nummer",
            "status",
            "versie",
            "sjabloon",
            "vraagverheldering",
            "visie_client",
            "regie_bij",
            "regie_naam",
            "regie_organisatie",
            "veiligheid_oordeel",
            "veiligheid_toelichting",
            "veiligheid_antwoorden",
            "wijzigingen",
            "gewijzigd_op",
            "vastgesteld_op",
            "instemming_van",
            "instemming_op",
            "instemming_wijze",
            "doelen",
            "afspraken",
            "netwerk",
            "afwegingen",
        ]


class VersieSamenvattingSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersie
        fields = ["id", "nummer", "status", "vastgesteld_op", "instemming_op"]


class GezinsplanSerializer(serializers.ModelSerializer):
    versies = VersieSamenvattingSerializer(many=True, read_only=True)

    class Meta:
        model = Gezinsplan
        fields = ["id", "traject", "volgende_evaluatie_op", "versies"]


class EvaluatieDoelSerializer(serializers.Serializer):
    doel = serializers.IntegerField(source="doel_id")
    status = serializers.ChoiceField(choices=DoelStatus.choices)
    voortgang = serializers.CharField(allow_blank=True)


class EvaluatieSerializer(serializers.ModelSerializer):
    doelen = EvaluatieDoelSerializer(many=True, read_only=True)
    antwoorden = serializers.ListField(child=serializers.ListField(child=serializers.CharField()), read_only=True)

    class Meta:
        model = Evaluatie
        fields = ["id", "versie", "datum", "samenvatting", "antwoorden", "gehouden_door", "doelen"]


class DoelVoorstelSerializer(serializers.ModelSerializer):
    class Meta:
        model = DoelVoorstel
        fields = ["id", "plan", "persoon", "omschrijving", "leefgebied", "status", "reactie", "ingediend_op", "doel"]


# Input -----------------------------------------------------------------------------------------


class StartSerializer(serializers.Serializer):
    traject = serializers.IntegerField()


class SectieSerializer(serializers.Serializer):
    """One section of a concept; send the version number you started from."""

    onderdeel = serializers.ChoiceField(choices=list(services.SECTIONS))
    versie = serializers.IntegerField()
    vraagverheldering = serializers.CharField(required=False, allow_blank=True)
    visie_client = serializers.CharField(required=False, allow_blank=True)
    regie_bij = serializers.ChoiceField(choices=RegieBij.choices, required=False)
    regie_naam = serializers.CharField(required=False, allow_blank=True, max_length=200)
    regie_organisatie = serializers.CharField(required=False, allow_blank=True, max_length=200)
    veiligheid_oordeel = serializers.ChoiceField(choices=VeiligheidOordeel.choices, required=False)
    veiligheid_toelichting = serializers.CharField(required=False, allow_blank=True)
    veiligheid_antwoorden = serializers.DictField(child=serializers.CharField(), required=False)
    wijzigingen = serializers.CharField(required=False, allow_blank=True)


class DoelInputSerializer(serializers.Serializer):
    omschrijving = serializers.CharField()
    leefgebied = serializers.ChoiceField(choices=Leefgebied.choices, required=False, allow_blank=True, default="")
    eigenaren = serializers.PrimaryKeyRelatedField(
        queryset=Persoon.objects.all(), many=True, required=False, default=list
    )
    schaalvraag = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    versie = serializers.IntegerField(
        required=False, default=0, help_text="Bij wijzigen: het versienummer van het doel."
    )


class VolgordeSerializer(serializers.Serializer):
    richting = serializers.ChoiceField(choices=[("omhoog", "omhoog"), ("omlaag", "omlaag")])


class SchaalvraagInputSerializer(serializers.Serializer):
    vraag = serializers.CharField(max_length=300)
    betekenis_laag = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    betekenis_hoog = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class AfspraakInputSerializer(serializers.Serializer):
    wat = serializers.CharField()
    wie_soort = serializers.ChoiceField(choices=WieSoort.choices)
    wie_persoon = serializers.PrimaryKeyRelatedField(queryset=Persoon.objects.all(), required=False, allow_null=True)
    wie_naam = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    uiterlijk_op = serializers.DateField(required=False, allow_null=True, default=None)
    doel = serializers.IntegerField(required=False, allow_null=True, default=None)
    versie = serializers.IntegerField(required=False, default=0)


class NetwerkInputSerializer(serializers.Serializer):
    naam = serializers.CharField(max_length=200)
    relatie = serializers.CharField(max_length=200)
    rol = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    versie = serializers.IntegerField(required=False, default=0)


class AfwegingInputSerializer(serializers.Serializer):
    deskundige = serializers.CharField(max_length=200)
    deskundigheid = serializers.CharField(max_length=200)
    tekst = serializers.CharField()
    versie = serializers.IntegerField(required=False, default=0)


class VaststellenSerializer(serializers.Serializer):
    instemming_van = serializers.PrimaryKeyRelatedField(queryset=Persoon.objects.all())
    instemming_op = serializers.DateField()
    instemming_wijze = serializers.ChoiceField(choices=InstemmingWijze.choices)
    gewijzigd_op = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Het gewijzigd_op van het concept zoals je het zag."
    )


class PlanScoreInputSerializer(serializers.Serializer):
    schaalvraag = serializers.IntegerField()
    waarde = serializers.IntegerField()
    toelichting = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ScoreRondeSerializer(serializers.Serializer):
    datum = serializers.DateField()
    beoordelaar = serializers.ChoiceField(choices=Beoordelaar.choices)
    persoon = serializers.PrimaryKeyRelatedField(queryset=Persoon.objects.all(), required=False, allow_null=True)
    beoordelaar_naam = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    scores = PlanScoreInputSerializer(many=True)


class EvaluatieInputSerializer(serializers.Serializer):
    datum = serializers.DateField()
    samenvatting = serializers.CharField(required=False, allow_blank=True, default="")
    antwoorden = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(allow_blank=True), min_length=2, max_length=2),
        required=False,
        default=list,
        help_text="Paren [vraag, antwoord].",
    )
    doelen = EvaluatieDoelSerializer(many=True)


class AfspraakStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AfspraakStatus.choices)


class ReactieSerializer(serializers.Serializer):
    reactie = serializers.CharField()


VERSIE_PARAMETER = OpenApiParameter("versie", int, description="Het versienummer van het item zoals je het zag.")


def _expected(request) -> int:
    value = request.query_params.get("versie", "")
    return int(value) if value.isdigit() else 0


# Views -----------------------------------------------------------------------------------------


def _for(request, obj, traject):
    """`obj` as the request may use it: reading when the selector found it, writing only for who
    works on the traject (checked before any input is read)."""
    if request.method not in SAFE_METHODS:
        selectors.require_editor(request.user, traject)
    return obj


def _versie_response(request, versie_id: int, code=status.HTTP_200_OK) -> Response:
    return Response(PlanVersieSerializer(selectors.versie_for(request.user, versie_id)).data, status=code)


class GezinsplanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = GezinsplanSerializer
    queryset = Gezinsplan.objects.none()

    def get_queryset(self):
        plans = selectors.visible_plans(self.request.user).prefetch_related("versies").order_by("pk")
        traject = self.request.query_params.get("traject", "")
        return plans.filter(traject_id=int(traject)) if traject.isdigit() else plans

    def get_object(self):
        plan = selectors.plan_for(self.request.user, int(self.kwargs["pk"]))
        return _for(self.request, plan, plan.traject)

    @extend_schema(parameters=[OpenApiParameter("traject", int, description="Het plan van dit traject")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=StartSerializer, responses={201: PlanVersieSerializer}, summary="Gezinsplan starten")
    def create(self, request):
        serializer = StartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        traject = dossier_selectors.traject_for(request.user, serializer.validated_data["traject"])
        versie = services.start_plan(actor=request.user, traject=traject)
        return _versie_response(request, versie.pk, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: PlanVersieSerializer}, summary="Nieuwe conceptversie maken")
    @action(detail=True, methods=["post"], url_path="nieuwe-versie")
    def nieuwe_versie(self, request, pk=None):
        versie = services.new_version(actor=request.user, plan=self.get_object())
        return _versie_response(request, versie.pk, status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=EvaluatieSerializer(many=True), summary="Evaluaties van het plan")
    @extend_schema(
        methods=["post"], request=EvaluatieInputSerializer, responses={201: EvaluatieSerializer}, summary="Evaluatie"
    )
    @action(detail=True, methods=["get", "post"])
    def evaluaties(self, request, pk=None):
        plan = self.get_object()
        if request.method == "GET":
            return Response(EvaluatieSerializer(selectors.evaluaties_of(plan), many=True).data)
        serializer = EvaluatieInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        doelen = {doel.pk: doel for doel in plan.doelen.all()}
        evaluatie = services.record_evaluatie(
            actor=request.user,
            plan=plan,
            datum=data["datum"],
            samenvatting=data["samenvatting"],
            antwoorden=[tuple(pair) for pair in data["antwoorden"]],
            doelen=[
                services.DoelEvaluatie(
                    doel=_in(doelen, item["doel_id"], "doelen"), status=item["status"], voortgang=item["voortgang"]
                )
                for item in data["doelen"]
            ],
        )
        return Response(EvaluatieSerializer(evaluatie).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ScoreRondeSerializer, responses={201: PlanScoreSerializer(many=True)}, summary="Scores invullen"
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        plan = self.get_object()
        serializer = ScoreRondeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        vragen = {vraag.pk: vraag for vraag in Schaalvraag.objects.filter(doel__plan=plan).select_related("doel")}
        recorded = services.record_scores(
            actor=request.user,
            plan=plan,
            datum=data["datum"],
            beoordelaar=data["beoordelaar"],
            persoon=data.get("persoon"),
            beoordelaar_naam=data["beoordelaar_naam"],
            scores=[
                services.ScoreInvoer(_in(vragen, item["schaalvraag"], "scores"), item["waarde"], item["toelichting"])
                for item in data["scores"]
            ],
        )
        return Response(PlanScoreSerializer(recorded, many=True).data, status=status.HTTP_201_CREATED)


def _in(objects: dict, key, field: str):
    if key not in objects:
        raise serializers.ValidationError({field: [f"{key} hoort niet bij dit plan."]})
    return objects[key]


class PlanVersieViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PlanVersieSerializer
    queryset = PlanVersie.objects.none()

    def get_object(self):
        versie = selectors.versie_for(self.request.user, int(self.kwargs["pk"]))
        return _for(self.request, versie, versie.plan.traject)

    @extend_schema(request=SectieSerializer, responses=PlanVersieSerializer, summary="Een onderdeel van een concept")
    def partial_update(self, request, pk=None):
        versie = self.get_object()
        serializer = SectieSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        section = data.pop("onderdeel")
        expected = data.pop("versie")
        services.update_section(
            actor=request.user, versie_id=versie.pk, section=section, expected_versie=expected, data=data
        )
        return _versie_response(request, versie.pk)

    @extend_schema(request=VaststellenSerializer, responses=PlanVersieSerializer, summary="Concept vaststellen")
    @action(detail=True, methods=["post"])
    def vaststellen(self, request, pk=None):
        versie = self.get_object()
        serializer = VaststellenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.vaststellen(
            actor=request.user,
            versie_id=versie.pk,
            expected_gewijzigd_op=serializer.validated_data["gewijzigd_op"],
            instemming_van=serializer.validated_data["instemming_van"],
            instemming_op=serializer.validated_data["instemming_op"],
            instemming_wijze=serializer.validated_data["instemming_wijze"],
        )
        return _versie_response(request, versie.pk)

    @extend_schema(request=DoelInputSerializer, responses={201: PlanDoelSerializer}, summary="Doel toevoegen")
    @action(detail=True, methods=["post"])
    def doelen(self, request, pk=None):
        versie = self.get_object()
        serializer = DoelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        plan_doel = services.add_doel(
            actor=request.user,
            versie_id=versie.pk,
            data=services.DoelData(
                omschrijving=data["omschrijving"], leefgebied=data["leefgebied"], eigenaren=data["eigenaren"]
            ),
            schaalvraag=data["schaalvraag"],
        )
        return Response(PlanDoelSerializer(plan_doel).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AfspraakInputSerializer, responses={201: PlanAfspraakSerializer}, summary="Afspraak toevoegen"
    )
    @action(detail=True, methods=["post"])
    def afspraken(self, request, pk=None):
        versie = self.get_object()
        data = _valid(AfspraakInputSerializer, request)
        item = services.add_afspraak(actor=request.user, versie_id=versie.pk, data=_afspraak_data(versie, data))
        return Response(PlanAfspraakSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=NetwerkInputSerializer, responses={201: NetwerkLidSerializer}, summary="Netwerklid toevoegen"
    )
    @action(detail=True, methods=["post"])
    def netwerk(self, request, pk=None):
        versie = self.get_object()
        data = _valid(NetwerkInputSerializer, request)
        data.pop("versie")
        lid = services.add_netwerklid(actor=request.user, versie_id=versie.pk, **data)
        return Response(NetwerkLidSerializer(lid).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AfwegingInputSerializer, responses={201: AfwegingSerializer}, summary="Afweging toevoegen")
    @action(detail=True, methods=["post"])
    def afwegingen(self, request, pk=None):
        versie = self.get_object()
        data = _valid(AfwegingInputSerializer, request)
        data.pop("versie")
        item = services.add_afweging(actor=request.user, versie_id=versie.pk, **data)
        return Response(AfwegingSerializer(item).data, status=status.HTTP_201_CREATED)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _afspraak_data(versie: PlanVersie, data: dict) -> services.AfspraakData:
    doel = None
    if data["doel"]:
        doel = versie.plan.doelen.filter(pk=data["doel"]).first()
        if doel is None:
            raise serializers.ValidationError({"doel": ["Dit doel hoort niet bij dit plan."]})
    return services.AfspraakData(
        wat=data["wat"],
        wie_soort=data["wie_soort"],
        wie_persoon=data.get("wie_persoon"),
        wie_naam=data["wie_naam"],
        uiterlijk_op=data["uiterlijk_op"],
        doel=doel,
    )


class PlanDoelViewSet(viewsets.GenericViewSet):
    serializer_class = PlanDoelSerializer
    queryset = PlanDoel.objects.none()

    def get_object(self):
        plan_doel = selectors.plan_doel_for(self.request.user, int(self.kwargs["pk"]))
        return _for(self.request, plan_doel, plan_doel.versie.plan.traject)

    @extend_schema(request=DoelInputSerializer, responses=PlanDoelSerializer, summary="Doel in een concept wijzigen")
    def partial_update(self, request, pk=None):
        plan_doel = self.get_object()
        data = _valid(DoelInputSerializer, request)
        updated = services.update_doel(
            actor=request.user,
            plan_doel_id=plan_doel.pk,
            expected_versie=data["versie"],
            data=services.DoelData(
                omschrijving=data["omschrijving"], leefgebied=data["leefgebied"], eigenaren=data["eigenaren"]
            ),
        )
        return Response(PlanDoelSerializer(updated).data)

    @extend_schema(parameters=[VERSIE_PARAMETER], responses={204: None}, summary="Doel uit een concept halen")
    def destroy(self, request, pk=None):
        services.remove_doel(actor=request.user, plan_doel_id=self.get_object().pk, expected_versie=_expected(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=VolgordeSerializer, responses={204: None}, summary="Doel hoger of lager zetten")
    @action(detail=True, methods=["post"])
    def volgorde(self, request, pk=None):
        plan_doel = self.get_object()
        data = _valid(VolgordeSerializer, request)
        services.move_doel(
            actor=request.user, plan_doel_id=plan_doel.pk, direction=-1 if data["richting"] == "omhoog" else 1
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=SchaalvraagInputSerializer, responses={201: SchaalvraagSerializer}, summary="Schaalvraag")
    @action(detail=True, methods=["post"])
    def schaalvragen(self, request, pk=None):
        plan_doel = self.get_object()
        data = _valid(SchaalvraagInputSerializer, request)
        vraag = services.add_schaalvraag(actor=request.user, doel_id=plan_doel.doel_id, **data)
        return Response(SchaalvraagSerializer(vraag).data, status=status.HTTP_201_CREATED)


class PlanAfspraakViewSet(viewsets.GenericViewSet):
    serializer_class = PlanAfspraakSerializer
    queryset = PlanAfspraak.objects.none()

    def get_object(self):
        item = selectors.plan_afspraak_for(self.request.user, int(self.kwargs["pk"]))
        return _for(self.request, item, item.versie.plan.traject)

    @extend_schema(request=AfspraakInputSerializer, responses=PlanAfspraakSerializer, summary="Afspraak wijzigen")
    def partial_update(self, request, pk=None):
        item = self.get_object()
        data = _valid(AfspraakInputSerializer, request)
        updated = services.update_afspraak(
            actor=request.user,
            plan_afspraak_id=item.pk,
            expected_versie=data["versie"],
            data=_afspraak_data(item.versie, data),
        )
        return Response(PlanAfspraakSerializer(updated).data)

    @extend_schema(parameters=[VERSIE_PARAMETER], responses={204: None}, summary="Afspraak uit een concept halen")
    def destroy(self, request, pk=None):
        services.remove_afspraak(
            actor=request.user, plan_afspraak_id=self.get_object().pk, expected_versie=_expected(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class AfspraakStatusViewSet(viewsets.GenericViewSet):
    serializer_class = AfspraakStatusSerializer
    queryset = PlanAfspraak.objects.none()

    @extend_schema(request=AfspraakStatusSerializer, responses={204: None}, summary="Afspraak gedaan (of weer open)")
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        afspraak = selectors.afspraak_for(request.user, int(pk))
        selectors.require_editor(request.user, afspraak.plan.traject)
        data = _valid(AfspraakStatusSerializer, request)
        services.set_afspraak_status(actor=request.user, afspraak_id=afspraak.pk, status=data["status"])
        return Response(status=status.HTTP_204_NO_CONTENT)


def _row_viewset(model, output_serializer, input_serializer, update_service, remove_service, argument: str, what: str):
    class RowViewSet(viewsets.GenericViewSet):
        serializer_class = output_serializer
        queryset = model.objects.none()

        def get_object(self):
            row = model.objects.filter(
                pk=int(self.kwargs["pk"]), versie__in=selectors.visible_versions(self.request.user)
            ).first()
            if row is None:
                raise Http404
            return _for(self.request, row, row.versie.plan.traject)

        @extend_schema(request=input_serializer, responses=output_serializer, summary=f"{what} wijzigen")
        def partial_update(self, request, pk=None):
            row = self.get_object()
            data = _valid(input_serializer, request)
            expected = data.pop("versie")
            updated = update_service(actor=request.user, expected_versie=expected, **{argument: row.pk}, **data)
            return Response(output_serializer(updated).data)

        @extend_schema(parameters=[VERSIE_PARAMETER], responses={204: None}, summary=f"{what} verwijderen")
        def destroy(self, request, pk=None):
            remove_service(actor=request.user, expected_versie=_expected(request), **{argument: self.get_object().pk})
            return Response(status=status.HTTP_204_NO_CONTENT)

    RowViewSet.__name__ = f"{model.__name__}ViewSet"
    return RowViewSet


NetwerkViewSet = _row_viewset(
    NetwerkLid,
    NetwerkLidSerializer,
    NetwerkInputSerializer,
    services.update_netwerklid,
    services.remove_netwerklid,
    "lid_id",
    "Netwerklid",
)
AfwegingViewSet = _row_viewset(
    Afweging,
    AfwegingSerializer,
    AfwegingInputSerializer,
    services.update_afweging,
    services.remove_afweging,
    "afweging_id",
    "Afweging",
)


class DoelVoorstelViewSet(viewsets.GenericViewSet):
    serializer_class = DoelVoorstelSerializer
    queryset = DoelVoorstel.objects.none()

    @extend_schema(request=None, responses=PlanDoelSerializer, summary="Voorgesteld doel overnemen in het concept")
    @action(detail=True, methods=["post"])
    def overnemen(self, request, pk=None):
        voorstel = selectors.voorstel_for(request.user, int(pk))
        selectors.require_editor(request.user, voorstel.plan.traject)
        return Response(PlanDoelSerializer(services.accept_voorstel(actor=request.user, voorstel_id=voorstel.pk)).data)

    @extend_schema(request=ReactieSerializer, responses=DoelVoorstelSerializer, summary="Reageren zonder over te nemen")
    @action(detail=True, methods=["post"])
    def bespreken(self, request, pk=None):
        voorstel = selectors.voorstel_for(request.user, int(pk))
        selectors.require_editor(request.user, voorstel.plan.traject)
        data = _valid(ReactieSerializer, request)
        updated = services.discuss_voorstel(actor=request.user, voorstel_id=voorstel.pk, reactie=data["reactie"])
        return Response(DoelVoorstelSerializer(updated).data)
