"""Finland's 19 regions (maakunnat / landskap) and the regional ETNO of each (reference.md §3)."""

from __future__ import annotations

from typing import NamedTuple

from .suggest import did_you_mean, nearest


class Region(NamedTuple):
    """One of Finland's 19 regions: its Finnish, Swedish and English name, ISO 3166-2 code and
    its regional ETNO ("" where none exists)."""

    fi: str
    sv: str
    en: str
    iso: str
    etno: str  # regional ETNO (2020–24 term); "" where none exists


REGIONS: tuple[Region, ...] = (
    Region("Uusimaa", "Nyland", "Uusimaa", "FI-18", "Etelä-Suomen ETNO"),
    Region("Varsinais-Suomi", "Egentliga Finland", "Southwest Finland", "FI-19", "Länsi-Suomen ETNO"),
    Region("Satakunta", "Satakunta", "Satakunta", "FI-17", "Länsi-Suomen ETNO"),
    Region("Kanta-Häme", "Egentliga Tavastland", "Kanta-Häme", "FI-06", "Etelä-Suomen ETNO"),
    Region("Pirkanmaa", "Birkaland", "Pirkanmaa", "FI-11", "Pirkanmaan ja Keski-Suomen ETNO"),
    Region("Päijät-Häme", "Päijänne-Tavastland", "Päijät-Häme", "FI-16", "Etelä-Suomen ETNO"),
    Region("Kymenlaakso", "Kymmenedalen", "Kymenlaakso", "FI-09", "Etelä-Suomen ETNO"),
    Region("Etelä-Karjala", "Södra Karelen", "South Karelia", "FI-02", "Etelä-Suomen ETNO"),
    Region("Etelä-Savo", "Södra Savolax", "South Savo", "FI-04", "Itä-Suomen ETNO"),
    Region("Pohjois-Savo", "Norra Savolax", "North Savo", "FI-15", "Itä-Suomen ETNO"),
    Region("Pohjois-Karjala", "Norra Karelen", "North Karelia", "FI-13", "Itä-Suomen ETNO"),
    Region("Keski-Suomi", "Mellersta Finland", "Central Finland", "FI-08",
           "Pirkanmaan ja Keski-Suomen ETNO"),
    Region("Etelä-Pohjanmaa", "Södra Österbotten", "South Ostrobothnia", "FI-03", "Pohjanmaan ETNO"),
    Region("Pohjanmaa", "Österbotten", "Ostrobothnia", "FI-12", "Pohjanmaan ETNO"),
    Region("Keski-Pohjanmaa", "Mellersta Österbotten", "Central Ostrobothnia", "FI-07",
           "Pohjanmaan ETNO"),
    Region("Pohjois-Pohjanmaa", "Norra Österbotten", "North Ostrobothnia", "FI-14",
           "Pohjois-Suomen ETNO"),
    Region("Kainuu", "Kajanaland", "Kainuu", "FI-05", "Pohjois-Suomen ETNO"),
    Region("Lappi", "Lappland", "Lapland", "FI-10", "Lapin ETNO"),
    Region("Ahvenanmaa", "Åland", "Åland", "FI-01", ""),
)

SAMI_HOMELAND = ("Inari", "Enontekiö", "Utsjoki", "Sodankylä")


_BY_NAME: dict[str, Region] = {}
for _region in REGIONS:
    for _name in (_region.fi, _region.sv, _region.en, _region.iso):
        _BY_NAME.setdefault(_name.casefold(), _region)


def region_hint(name: str) -> str:
    """``"; did you mean Pirkanmaa?"`` for a region name nobody knows (``""`` if none is near):
    the nearest names in any of the three languages, one per region."""
    names = [n for r in REGIONS for n in (r.fi, r.sv, r.en)]
    seen: set[str] = set()
    unique = []
    for found in nearest(name, names, n=len(names)):
        iso = _BY_NAME[found.casefold()].iso
        if iso not in seen:
            seen.add(iso)
            unique.append(found)
    return did_you_mean(name, unique)


def find_region(name: str) -> Region | None:
    """The region whose Finnish, Swedish, English name or ISO code is ``name`` (any case)."""
    return _BY_NAME.get(name.strip().casefold())


class Municipality(NamedTuple):
    """A municipality: Statistics Finland's three-digit code and its Finnish and Swedish name
    (the same where it has no Swedish name)."""

    code: str  # Statistics Finland's three-digit municipality code
    fi: str
    sv: str    # the same as ``fi`` where the municipality has no Swedish name


_MUNICIPALITIES: dict[str, Municipality] = {}


def _municipalities() -> dict[str, Municipality]:
    """Every municipality by its Finnish name, Swedish name and code (any case), read once
    from ``data/municipalities.csv`` (Posti's postal code file; the file names its source)."""
    if not _MUNICIPALITIES:
        # lazy: importlib.resources costs 37 ms (-X importtime, after eventflow.engine, which
        # imports this module); only a municipality's name needs the file
        from importlib.resources import files

        text = files("eventflow").joinpath("data/municipalities.csv").read_text("utf-8")
        rows = [line.split(";") for line in text.splitlines()
                if line and not line.startswith("#")]
        for code, fi, sv in rows[1:]:
            found = Municipality(code, fi, sv)
            for key in (code, fi, sv):
                _MUNICIPALITIES.setdefault(key.casefold(), found)
    return _MUNICIPALITIES


def find_municipality(name: str) -> Municipality | None:
    """The municipality whose Finnish or Swedish name or code is ``name`` (any case)."""
    return _municipalities().get(name.strip().casefold())


def municipality_name(name: str, lang: str) -> str:
    """``name`` as a document in ``lang`` writes it: the Swedish name in Swedish (Helsingfors,
    Åbo, Vasa), the Finnish name in Finnish (Helsinki for a recorded "Helsingfors"); in other
    languages, and for a name not in the list, as recorded."""
    found = find_municipality(name) if name else None
    if found is None or lang not in ("fi", "sv"):
        return name
    return found.sv if lang == "sv" else found.fi
