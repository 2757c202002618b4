"""A blank letter of authorisation (授权委托书) for one service, printed for villagers who send
an agent: the applicant fills it in and signs it at home, the agent photographs it on the
"who is applying" page (forms.shared_pages). Laid out with the paper application form."""

from __future__ import annotations

from typing import Any

from printing.model import ApplicationFormData, FormField, FormSection


def letter_for(service_name: str, village: str) -> ApplicationFormData:
    person = (FormField("姓名"), FormField("身份证号", wide=True), FormField("联系电话"))
    return ApplicationFormData(
        title=f"授权委托书（{service_name}）",
        village=village,
        sections=(
            FormSection("委托人（申请人）", (*person, FormField("住址", wide=True))),
            FormSection("受托人（代理人）", (*person, FormField("与委托人关系"))),
            FormSection("委托事项", (
                FormField("事项", f"代为办理“{service_name}”的申请、提交材料、查询进度和领取结果",
                          wide=True),
                FormField("委托期限", "自签署之日起至该事项办结之日止", wide=True))),
        ),
        declaration="本人因故不能亲自办理，特委托上述受托人代为办理以上事项。受托人在委托"
                    "权限内所办事项，本人均予以承认。受托人无转委托权。",
        signatures=("委托人（签名/手印）", "受托人（签名）"),
    )


def render_letter(service_name: str, village: str) -> Any:
    """The letter as a rendered A4 PDF (`printing.rendered.Rendered`)."""
    from printing.render import render

    return render("application_form", letter_for(service_name, village))
