"""The REST API for partner systems (issue 9).

Every view here authenticates a machine client (`ClientTokenAuthentication`), checks the one
scope it needs, is throttled per client, reaches cases only through
`Case.objects.visible_to(client's account)` — the cases policy as it applies to a partner
professional of the client's organisation — and writes every call to the access log.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from aftercare import services as aftercare_services
from aftercare.models import AftercareRecord
from api.authentication import ClientTokenAuthentication
from api.models import Scope, scope_allowed_for
from api.serializers import (
    DetentionNotificationResultSerializer,
    DetentionNotificationSerializer,
    ErrorSerializer,
    KeyFiguresSerializer,
    RegistrationCreateSerializer,
    RegistrationStatusSerializer,
)
from api.throttling import ClientRateThrottle
from cases import services as case_services
from cases.models import Case
from zvhd.permissions import VIEW
from zvhd.privacy.models import AccessAction
from zvhd.views import Guarded

ERRORS = {
    401: OpenApiResponse(
        ErrorSerializer, description="Geen, een onbekende of ingetrokken sleutel."
    ),
    403: OpenApiResponse(ErrorSerializer, description="De koppeling heeft dit recht niet."),
    429: OpenApiResponse(ErrorSerializer, description="Te veel verzoeken; probeer het later."),
}


class HasScope(permissions.BasePermission):
    message = "Deze koppeling heeft het recht voor dit verzoek niet."

    def has_permission(self, request, view):
        client = request.auth
        return client is not None and view.required_scope in client.scopes


class ClientAPIView(Guarded, generics.GenericAPIView):
    """Base of every API view: client authentication, scope, throttle, scope of data, log."""

    authentication_classes = [ClientTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, HasScope]
    throttle_classes = [ClientRateThrottle]
    required_scope: str = ""
    model = Case
    log_action = AccessAction.VIEW

    def scoped_queryset(self, action: str = VIEW):
        return self.model.objects.visible_to(self.request.user, action)

    @classmethod
    def as_view(cls, **initkwargs):
        # Machine clients carry a token, not a session: the site's login redirect is not for
        # them (our authentication and IsAuthenticated refuse them with a 401 instead).
        return login_not_required(super().as_view(**initkwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        from zvhd.privacy.services import log_access

        # Every call, allowed or not, in the access log (issue 9, API point 2).
        logged = getattr(self, "_logged_object", None)
        log_access(
            request=request,
            model=self.model if logged is not None else None,
            object_id=logged,
            action=self.log_action,
            allowed=response.status_code < 400,
        )
        return super().finalize_response(request, response, *args, **kwargs)


class RegistrationListCreateView(ClientAPIView):
    serializer_class = RegistrationStatusSerializer

    def get_queryset(self):
        return self.scoped_queryset(VIEW).for_list().order_by("-id")

    def get_permissions(self):
        self.required_scope = (
            Scope.REGISTRATIONS_WRITE if self.request.method == "POST" else Scope.REGISTRATIONS_READ
        )
        return super().get_permissions()

    @extend_schema(
        summary="Status van de aanmeldingen van de eigen organisatie",
        description="Recht: `aanmeldingen:lezen`. Nieuwste eerst, 50 per pagina.",
        responses={
            200: RegistrationStatusSerializer(many=True),
            404: OpenApiResponse(ErrorSerializer, description="Deze pagina bestaat niet."),
            **ERRORS,
        },
    )
    def get(self, request):
        from zvhd.privacy.services import log_list_access

        page = self.paginate_queryset(self.get_queryset())
        log_list_access(request=request, objects=list(page))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Een aanmelding doen",
        description=(
            "Recht: `aanmeldingen:schrijven`. De aanmelding komt binnen namens de organisatie "
            "van de koppeling, met dezelfde controles als het aanmeldformulier."
        ),
        request=RegistrationCreateSerializer,
        responses={
            201: RegistrationStatusSerializer,
            400: OpenApiResponse(description="Fouten per veld, in het Nederlands."),
            **ERRORS,
        },
    )
    def post(self, request):
        self.log_action = AccessAction.CHANGE
        serializer = RegistrationCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        form = serializer.validated_data["form"]
        try:
            case = case_services.register_case(
                registered_by=request.user,
                origin=_("Aangemeld via de API-koppeling %(name)s") % {"name": request.auth.name},
                **form.service_kwargs(),
            )
        except DjangoValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            raise ValidationError(detail) from exc
        self._logged_object = case.pk
        case = self.scoped_queryset(VIEW).for_list().get(pk=case.pk)
        return Response(RegistrationStatusSerializer(case).data, status=status.HTTP_201_CREATED)


class RegistrationDetailView(ClientAPIView):
    serializer_class = RegistrationStatusSerializer
    required_scope = Scope.REGISTRATIONS_READ

    @extend_schema(
        summary="Status van één aanmelding",
        description=(
            "Recht: `aanmeldingen:lezen`. 404 voor alles wat niet van de eigen organisatie is."
        ),
        responses={
            200: RegistrationStatusSerializer,
            404: OpenApiResponse(ErrorSerializer, description="Niet gevonden."),
            **ERRORS,
        },
    )
    def get(self, request, number: str):
        self._logged_object = number
        case = get_object_or_404(self.scoped_queryset(VIEW).for_list(), number=number)
        self._logged_object = case.pk
        return Response(self.get_serializer(case).data)


# ---------------------------------------------------------------------------------------------
# Detention notifications (aftercare) and the national key figures


class HasScopeForOrganisation(HasScope):
    """The scope, and an organisation of a kind that may hold it (checked on every call)."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) and scope_allowed_for(
            view.required_scope, request.auth.organisation
        )


class DetentionNotificationView(ClientAPIView):
    """DJI or probation reports a detention into the aftercare app.

    The client gets back the record's number and status, nothing of its contents: the account
    (a partner professional) sees no aftercare record, and the view reads none.
    """

    serializer_class = DetentionNotificationSerializer
    permission_classes = [permissions.IsAuthenticated, HasScopeForOrganisation]
    required_scope = Scope.DETENTION_WRITE
    model = AftercareRecord
    log_action = AccessAction.CHANGE

    @extend_schema(
        summary="Een detentiemelding doen",
        description=(
            "Recht: `detentiemeldingen:schrijven`, alleen voor koppelingen van DJI of de "
            "reclassering. Dezelfde controles als het intakeformulier van de nazorg (BSN met "
            "de elfproef, datums in volgorde, een bekende en deelnemende gemeente); een tweede "
            "melding van dezelfde soort voor dezelfde detentie wordt geweigerd."
        ),
        request=DetentionNotificationSerializer,
        responses={
            201: DetentionNotificationResultSerializer,
            400: OpenApiResponse(description="Fouten per veld, in het Nederlands."),
            **ERRORS,
        },
    )
    def post(self, request):
        serializer = DetentionNotificationSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        try:
            notification = aftercare_services.receive_notification(
                received_by=request.user, via_api=True, **serializer.validated_data
            )
        except DjangoValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            raise ValidationError(detail) from exc
        record = notification.record
        self._logged_object = record.pk
        result = {
            "number": record.number,
            "status": record.status,
            "status_label": record.get_status_display(),
            "kind": notification.kind,
            "received_on": notification.received_on,
            "new_record": not record.notifications.exclude(pk=notification.pk).exists(),
        }
        return Response(
            DetentionNotificationResultSerializer(result).data, status=status.HTTP_201_CREATED
        )


class KeyFiguresView(ClientAPIView):
    """The national key-figures delivery: aggregates only, no person in them."""

    serializer_class = KeyFiguresSerializer
    required_scope = Scope.FIGURES_READ
    model = None

    @extend_schema(
        summary="Landelijke kerncijfers van een jaar",
        description=(
            "Recht: `cijfers:lezen`. Precies wat `python manage.py figures JAAR --format json` "
            "levert. Is de momentopname van het jaar gepubliceerd, dan de cijfers van die "
            "momentopname (zoals `--published`): een gepubliceerd verslag verandert niet meer. "
            "Anders de actuele cijfers. Alleen tellingen en percentages, geen personen. Een "
            "jaar voor 2000 of na het lopende jaar geeft 404."
        ),
        parameters=[
            OpenApiParameter("year", int, OpenApiParameter.PATH, description="Het jaar, bv. 2025.")
        ],
        responses={
            200: KeyFiguresSerializer,
            404: OpenApiResponse(ErrorSerializer, description="Geen cijfers van dit jaar."),
            **ERRORS,
        },
    )
    def get(self, request, year: str):
        from api.figures import key_figures_for_api

        try:
            number = int(year)
        except ValueError:
            number = None
        if number is None or not FIRST_FIGURES_YEAR <= number <= timezone.localdate().year:
            raise NotFound(
                _(
                    "Er zijn geen cijfers van het jaar %(year)s: kies een jaar van %(first)s tot "
                    "en met %(last)s."
                )
                % {"year": year, "first": FIRST_FIGURES_YEAR, "last": timezone.localdate().year}
            )
        return Response(key_figures_for_api(number))


FIRST_FIGURES_YEAR = 2000  # as the `figures` command
