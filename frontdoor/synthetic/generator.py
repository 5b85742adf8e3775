"""A synthetic county's people, deterministic from a seed: households, their true identities,
and the person records a council's systems would hold for them, mistakes and duplicates
included.

Pure Python, no database (`load.py` stores a county). Every person record carries the number
of the true identity it belongs to, which the database keeps apart from the record
(`synthetic.TrueIdentity`), so that matching accuracy can be measured: two records of one
identity are a duplicate the system should be able to find; a search built from an identity's
true details should find its records.

What makes it realistic (../shared/PERFORMANCE.md):

- names drawn by rank, so common names cluster into hotspots (many Oliver Smiths);
- households of siblings sharing a surname, an address and a postcode; half-siblings with
  another surname; double-barrelled surnames; twins (same date of birth, same surname);
- parents, partners and alleged perpetrators as adults;
- NHS numbers from the range reserved for testing (999…), valid by modulus 11, missing from
  many records;
- record mistakes: typos, nicknames, day and month swapped, missing dates of birth;
- about 3% of identities recorded twice (and a few three times), each copy with its own
  mistakes.

Nothing here is a real person. The reference date is fixed, not today, so a profile is the
same whenever it is built.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from frontdoor.people.models import nhs_number_is_valid
from frontdoor.synthetic import name_lists as lists
from frontdoor.synthetic import noise

AS_OF = date(2026, 1, 1)


@dataclass(frozen=True)
class Profile:
    name: str
    persons: int
    contacts: int
    seed: int = 20260101


PROFILES = {
    p.name: p
    for p in (
        Profile("tiny", persons=10_000, contacts=5_000),
        Profile("county-ci", persons=200_000, contacts=100_000),
        Profile("county", persons=1_000_000, contacts=500_000),
    )
}


@dataclass(frozen=True)
class Identity:
    """A synthetic human being as they really are."""

    number: int
    household: int
    is_child: bool
    first_name: str
    middle_names: str
    last_name: str
    date_of_birth: date
    sex: str
    nhs_number: str
    postcode: str
    address: str
    previous_postcode: str = ""


@dataclass(frozen=True)
class Record:
    """One person record as a council system holds it: the identity, as someone wrote it down."""

    id: uuid.UUID
    identity: int
    first_name: str
    middle_names: str
    last_name: str
    known_as: str
    date_of_birth: date | None
    sex: str
    nhs_number: str
    postcode: str
    address: str


@dataclass
class Household:
    number: int
    postcode: str
    address: str
    adults: list[int] = field(default_factory=list)
    children: list[int] = field(default_factory=list)


@dataclass
class County:
    profile: Profile
    identities: list[Identity]
    households: list[Household]
    records: list[Record]

    def records_by_identity(self) -> dict[int, list[Record]]:
        found: dict[int, list[Record]] = {}
        for record in self.records:
            found.setdefault(record.identity, []).append(record)
        return found


def _weights(count: int, exponent: float) -> list[float]:
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


class _Names:
    """Draw names by rank (cumulative weights computed once)."""

    def __init__(self) -> None:
        self.lists = {
            "boy": lists.BOYS,
            "girl": lists.GIRLS,
            "man": lists.MEN,
            "woman": lists.WOMEN,
            "surname": lists.SURNAMES,
        }
        # Surnames are steeper than first names: Smith is far commoner than the 200th surname.
        self.cumulative = {
            kind: _weights(len(names), 1.0 if kind == "surname" else 0.8)
            for kind, names in self.lists.items()
        }

    def draw(self, rng: random.Random, kind: str) -> str:
        return rng.choices(self.lists[kind], cum_weights=self.cumulative[kind])[0]


def title(name: str) -> str:
    """Oliver, Smith-Jones, O'Brien, McDonald."""
    if name in ("obrien", "oconnor", "odonnell"):
        return "O'" + name[1:].capitalize()
    if name.startswith("mc") and len(name) > 2:
        return "Mc" + name[2:].capitalize()
    return "-".join(part.capitalize() for part in name.split("-"))


class _NhsNumbers:
    """Unique NHS numbers from the 999 range the NHS keeps for testing, valid by modulus 11."""

    def __init__(self, rng: random.Random) -> None:
        self.order = list(range(1_000_000))
        rng.shuffle(self.order)
        self.position = 0

    def next(self) -> str:
        while self.position < len(self.order):
            stem = f"999{self.order[self.position]:06d}"
            self.position += 1
            total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))
            check = (11 - total % 11) % 11
            if check != 10:
                number = stem + str(check)
                assert nhs_number_is_valid(number)
                return number
        raise RuntimeError("The synthetic NHS number range is used up")


class _Places:
    """Postcodes shared by about a dozen households, in the fictional WX area."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.current = ""
        self.left = 0

    def next(self) -> tuple[str, str]:
        rng = self.rng
        if self.left == 0:
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            self.current = (
                f"WX{rng.randint(1, 40)} {rng.randint(1, 9)}"
                f"{rng.choice(letters)}{rng.choice(letters)}"
            )
            self.street = f"{title(rng.choice(lists.STREETS))} {rng.choice(lists.STREET_KINDS)}"
            self.left = rng.randint(6, 18)
        self.left -= 1
        return self.current, f"{rng.randint(1, 180)} {title(self.street)}"


def _birth(rng: random.Random, youngest: int, oldest: int) -> date:
    return AS_OF - timedelta(days=rng.randint(youngest * 365, oldest * 365 + 364))


class _Builder:
    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.rng = random.Random(profile.seed)
        self.names = _Names()
        self.nhs = _NhsNumbers(random.Random(profile.seed + 1))
        self.places = _Places(self.rng)
        self.identities: list[Identity] = []
        self.households: list[Household] = []
        self.records: list[Record] = []

    # --- identities ---------------------------------------------------------------------------

    def identity(
        self, home: Household, *, child: bool, sex: str, last: str, born: date, first: str = ""
    ) -> int:
        rng = self.rng
        kind = ("boy" if sex == "M" else "girl") if child else ("man" if sex == "M" else "woman")
        first = first or self.names.draw(rng, kind)
        middle = self.names.draw(rng, kind) if rng.random() < 0.45 else ""
        if middle == first:
            middle = ""
        moved = rng.random() < 0.08
        person = Identity(
            number=len(self.identities),
            household=home.number,
            is_child=child,
            first_name=title(first),
            middle_names=title(middle) if middle else "",
            last_name=title(last),
            date_of_birth=born,
            sex=sex,
            # Nearly everyone born or registered with a GP in England has one.
            nhs_number=self.nhs.next() if rng.random() < (0.97 if child else 0.9) else "",
            postcode=home.postcode,
            address=home.address,
            previous_postcode=self.places.next()[0] if moved else "",
        )
        self.identities.append(person)
        return person.number

    def household(self) -> Household:
        rng = self.rng
        postcode, address = self.places.next()
        home = Household(len(self.households), postcode, address)
        self.households.append(home)
        mother_name = self.names.draw(rng, "surname")
        father_name = mother_name if rng.random() < 0.55 else self.names.draw(rng, "surname")
        children = rng.choices([1, 2, 3, 4, 5, 6], weights=[35, 32, 18, 9, 4, 2])[0]
        eldest = _birth(rng, 0, 17)
        mother_born = eldest - timedelta(days=rng.randint(17 * 365, 40 * 365))
        home.adults.append(
            self.identity(home, child=False, sex="F", last=mother_name, born=mother_born)
        )
        has_father = rng.random() < 0.55
        if has_father:
            father_born = mother_born - timedelta(days=rng.randint(-3 * 365, 8 * 365))
            home.adults.append(
                self.identity(home, child=False, sex="M", last=father_name, born=father_born)
            )
        if rng.random() < 0.08:
            # An alleged perpetrator: an ex-partner, often living elsewhere.
            home.adults.append(
                self.identity(
                    home,
                    child=False,
                    sex="M",
                    last=self.names.draw(rng, "surname"),
                    born=mother_born - timedelta(days=rng.randint(-2 * 365, 10 * 365)),
                )
            )
        self._children(home, children, eldest, mother_name, father_name, has_father)
        return home

    def _children(
        self,
        home: Household,
        count: int,
        eldest: date,
        mother_name: str,
        father_name: str,
        has_father: bool,
    ) -> None:
        rng = self.rng
        born = eldest
        surname = father_name if has_father and rng.random() < 0.6 else mother_name
        if mother_name != father_name and rng.random() < lists.DOUBLE_BARRELLED_SHARE:
            surname = f"{mother_name}-{father_name}"
        made = 0
        while made < count and born <= AS_OF:
            sex = rng.choice("MF")
            if made and rng.random() < 0.2:
                # A half-brother or half-sister with a new partner's surname.
                surname = self.names.draw(rng, "surname")
            home.children.append(self.identity(home, child=True, sex=sex, last=surname, born=born))
            made += 1
            if rng.random() < 0.015:
                # Twins: same birthday and surname, a different first name.
                twin_sex = sex if rng.random() < 0.66 else ("F" if sex == "M" else "M")
                twin = self.identities[home.children[-1]]
                first = twin.first_name.lower()
                while first == twin.first_name.lower():
                    first = self.names.draw(rng, "boy" if twin_sex == "M" else "girl")
                home.children.append(
                    self.identity(
                        home, child=True, sex=twin_sex, last=surname, born=born, first=first
                    )
                )
                made += 1
            born = born + timedelta(days=rng.randint(300, 4 * 365))

    # --- records ------------------------------------------------------------------------------

    def record(self, who: Identity, *, duplicate: bool) -> Record:
        """`who` as someone wrote them down. A duplicate is a second record made because the
        first was not found, so it always differs in some way from the truth."""
        rng = self.rng
        first, last, known_as = who.first_name, who.last_name, ""
        middle = who.middle_names if rng.random() < 0.6 else ""
        born: date | None = who.date_of_birth
        nhs = who.nhs_number if rng.random() < (0.7 if who.is_child else 0.45) else ""
        postcode, address = who.postcode, who.address
        slips = 1 + (rng.random() < 0.3) if duplicate else 0
        chances = [
            ("first_typo", 0.015),
            ("last_typo", 0.015),
            ("nickname", 0.03),
            ("swapped", 0.007),
            ("no_birth", 0.005 if who.is_child else 0.08),
            ("old_address", 0.03),
        ]
        mistakes = {name for name, chance in chances if rng.random() < chance}
        if slips:
            mistakes |= set(rng.sample([name for name, _ in chances], slips))
            nhs = nhs if rng.random() < 0.3 else ""  # a duplicate is rarely made with an NHS number
        if "first_typo" in mistakes:
            first = noise.typo(rng, first)
        if "last_typo" in mistakes:
            last = noise.typo(rng, last)
        if "nickname" in mistakes and (short := noise.nickname(rng, first)):
            if rng.random() < 0.5:
                first = title(short)
            else:
                known_as = title(short)
        if "swapped" in mistakes and born and (swapped := noise.swap_day_month(born)):
            born = swapped
        if "no_birth" in mistakes:
            born = None
        if "old_address" in mistakes and who.previous_postcode:
            postcode, address = who.previous_postcode, ""
        return Record(
            id=uuid.UUID(int=self.rng.getrandbits(128), version=4),
            identity=who.number,
            first_name=first,
            middle_names=middle,
            last_name=last,
            known_as=known_as,
            date_of_birth=born,
            sex=who.sex if rng.random() > 0.01 else "U",
            nhs_number=nhs,
            postcode=postcode,
            address=address,
        )

    def build(self) -> County:
        target = self.profile.persons
        while len(self.records) < target:
            home = self.household()
            for number in home.adults + home.children:
                who = self.identities[number]
                self.records.append(self.record(who, duplicate=False))
                copies = 1 if self.rng.random() < 0.03 else 0
                copies += 1 if copies and self.rng.random() < 0.1 else 0
                for _ in range(copies):
                    self.records.append(self.record(who, duplicate=True))
        del self.records[target:]
        return County(self.profile, self.identities, self.households, self.records)


def build_county(profile: Profile | str) -> County:
    """The whole county for a profile: the same on every run."""
    chosen = PROFILES[profile] if isinstance(profile, str) else profile
    return _Builder(chosen).build()


def iter_profiles() -> Iterator[Profile]:
    yield from PROFILES.values()
