"""Template filters and tags: Django form fields as NL Design System (Utrecht) components, and the
shared pieces of traject pages."""

from django import forms, template

from boks.accounts import authorization
from boks.dossiers import sections, termijnen

register = template.Library()

_WIDGET_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "text": "utrecht-textbox utrecht-textbox--html-input",
    "radio": "",
}


@register.filter
def widget_kind(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "radio"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "text"


@register.filter
def utrecht_widget(bound_field):
    """The field's widget with the component class, and its help and error text tied to it."""
    attrs = {"class": _WIDGET_CLASSES[widget_kind(bound_field)]}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def due_items(traject):
    """The traject's due dates from the caseload's annotations, earliest first."""
    return termijnen.due_items(traject)


@register.inclusion_tag("dossiers/_traject_header.html", takes_context=True)
def traject_header(context, traject, current: str):
    """Breadcrumb, title, status and the tabs every traject page shares; and, for someone reading it
    with noodtoegang, a reminder of that."""
    request = context["request"]
    return {
        "traject": traject,
        "tabs": sections.tabs_for(traject, request.user),
        "current": current,
        "request": request,
        "noodtoegang": authorization.noodtoegang_in_use(request.user, traject),
    }
