"""What the frozen build keeps of Qt's ICU data (installer/slim.py): the root, Chinese and
English locales and every table the rest needs; not the other locales, legacy charsets or
transliteration. The full effect (a bundle that passes its selftest) is in test_frozen.py."""

from __future__ import annotations

import sys

from tests.installer.scratch_root import REPO

sys.path.insert(0, str(REPO / "installer"))
from slim import icu_items_to_drop

ITEMS = [
    "root.res", "pool.res", "res_index.res", "en.res", "en_GB.res", "zh.res", "zh_Hans_CN.res",
    "fr.res", "de_CH.res", "coll/zh.res", "coll/fr.res", "coll/de_.res", "lang/ja.res",
    "zone/zh_Hant.res", "curr/es_419.res", "brkitr/root.res", "brkitr/thaidict.dict",
    "brkitr/cjdict.dict", "brkitr/ja.res", "nfkc.nrm", "uprops.icu", "cnvalias.icu",
    "ibm-943_P15A-2003.cnv", "translit/Han_Latin.res", "supplementalData.res",
    "zoneinfo64.res", "likelySubtags.res", "unit/zh.res", "rbnf/root.res",
]


def test_drops_other_locales_charsets_and_transliteration() -> None:
    dropped = set(icu_items_to_drop(ITEMS))
    assert dropped == {"fr.res", "de_CH.res", "coll/fr.res", "coll/de_.res", "lang/ja.res",
                       "curr/es_419.res", "brkitr/ja.res", "ibm-943_P15A-2003.cnv",
                       "translit/Han_Latin.res"}


def test_keeps_root_chinese_english_and_the_shared_tables() -> None:
    kept = set(ITEMS) - set(icu_items_to_drop(ITEMS))
    for needed in ("root.res", "pool.res", "res_index.res", "zh.res", "zh_Hans_CN.res", "en.res",
                   "coll/zh.res", "zone/zh_Hant.res", "brkitr/root.res", "brkitr/thaidict.dict",
                   "brkitr/cjdict.dict", "nfkc.nrm", "uprops.icu", "cnvalias.icu",
                   "supplementalData.res", "zoneinfo64.res"):
        assert needed in kept, needed
