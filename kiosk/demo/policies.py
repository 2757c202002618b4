"""Demo subsidy policies in the shape of the province's `subsidy_policies` dataset (section 11).

One policy per demo subsidy item: what it is, who qualifies, the standard, how to apply and whom
to call. Texts are illustrative (演示数据), written in the plain words a villager reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kiosk.demo.subsidies import ITEMS

_TEXTS: dict[str, tuple[str, str]] = {  # code: (who qualifies, how to apply)
    "GDDL": ("承包耕地并实际种粮的农户", "每年春季由村里统计面积并公示，不用单独申请"),
    "GYLB": ("山林划入国家级公益林的林权户", "按林权证面积自动发放；面积有误请带林权证到村里核对"),
    "TGHL": ("参加退耕还林且验收合格的农户", "按验收面积自动发放"),
    "SKYM": ("登记在册的大中型水库移民", "由县水利局按名册发放；名册有误请向村里反映"),
    "DBBZ": ("家庭人均收入低于当地低保标准的家庭", "在本机“办事”里申请“最低生活保障”，或找村代办员"),
    "TKGY": ("无劳动能力、无收入来源、无赡养人的老年人、残疾人和未成年人",
             "向村代办员提出，由乡镇审核"),
    "KNCJ": ("持残疾人证的低保家庭或困难家庭残疾人", "带残疾人证到村便民服务中心申请"),
    "ZDCJ": ("残疾等级为一、二级的重度残疾人", "带残疾人证到村便民服务中心申请"),
    "GEJB": ("失去父母或事实无人抚养的儿童", "由监护人带材料到村便民服务中心申请"),
    "GLJT": ("本地户籍、年满85周岁的老人", "满85周岁后次月自动发放；没有收到请问村代办员"),
    "JCYL": ("参加城乡居民养老保险、年满60周岁的居民", "满60周岁前三个月到村里办理领取手续"),
    "DSZN": ("农村独生子女或两女户父母，年满60周岁", "由县卫健局审核，村里统一申报"),
}
CONTACT = "村便民服务中心 0571-6410-0000（演示号码）"


def policies(updated_at: str = "2026-01-01T00:00:00Z") -> Iterator[dict[str, Any]]:
    for item in ITEMS:
        who, how = _TEXTS.get(item.code, ("请问村代办员", "请问村代办员"))
        yield {"item_code": item.code, "item_name": item.name, "department": item.department,
               "level": item.level, "standard": item.standard, "who_qualifies": who,
               "how_to_apply": how, "contact": f"{item.department}；{CONTACT}",
               "updated_at": updated_at}
