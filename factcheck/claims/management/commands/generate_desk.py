"""A year of a wire desk, made up: articles with claims at real offsets, sources, chains and review history.

For load tests and benchmarks. Every word is composed here from small word lists and sentence templates, so
nothing is copied from real reporting. The same --seed gives the same desk.
"""

import math
import random
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate, count

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from factcheck.accounts.roles import EDITORS, REVIEWERS
from factcheck.claims.database import KEPT_TOTALS
from factcheck.claims.models import (
    Article,
    ChainLink,
    Claim,
    ClaimStatus,
    Review,
    Source,
    SourceAlias,
    SourceKind,
    Suggestion,
    text_fingerprint,
)

PASSWORD = "bench-password-not-secret"  # noqa: S105 - printed for the bench accounts, never for real ones
EDITOR = "bench-editor"
DAYS = 365
NAMED_SOURCES = 3_500  # at full size; a smaller desk knows fewer
BULK_LOAD = 100_000  # claims from which PostgreSQL's indexes are rebuilt after the load (Store.drop_indexes)


def lines(block: str) -> tuple[str, ...]:
    """The entries of a word list written one a line."""
    return tuple(line.strip() for line in block.strip().splitlines())


def split(text: str) -> tuple[str, ...]:
    """The entries of a word list written on a line, between bars."""
    return tuple(entry.strip() for entry in text.split("|"))


# Places are invented from syllables, so no story is about a real town.
PLACE_STARTS = (
    "Vel Ost Kar Bel Mar Tor Lin Ser Dun Ash Brem Cal Dor Fen Gal Har Kel Lor Mor Nor Pel Ral Sal Tal Ver "
    "Wen Yar Zel Amb Cor"
).split()
PLACE_ENDS = "mora haven ford stad bridge port ton wick field mouth gate dale holm by ova ano ek".split()
PLACES = sorted(a + b for a in PLACE_STARTS for b in PLACE_ENDS)

FIRST_NAMES = (
    "Ines Marta Lena Sofia Amara Yusuf Omar Tomas Pavel Jonas Elif Mehmet Aylin Chiara Luca Marco Giulia "
    "Sara Nadia Karim Leila Samir Hana Jakub Zofia Piotr Eva Anton Olga Ivan Mira Daniel Ruth Grace Peter "
    "Helen Samuel Joseph Maria Ana Pedro Rosa Carlos Lucia Andrés José Zoë Noor Rania Tariq Farah Amir Selin "
    "Deniz Kofi Ama Kwame Abena Thabo Naledi Sipho Zanele Wanjiru Otieno Akosua Ngozi Emeka Chidi Yaw Efua "
    "Aiko Kenji Mei Wei Li Arjun Priya Ravi Anjali Vikram Neha Sunil Meera Tiago Bruno Camila Valentina "
    "Mateo Ines Freya Niamh Ciaran Siobhan Aoife Eamon Bram Femke Joost Lotte Maarten Sanne Henrik Astrid "
    "Nils Ingrid"
).split()
LAST_NAMES = (
    "Roca Varga Novak Horvat Kowalski Lind Berg Dahl Moreau Laurent Rossi Bianchi Ferrari Costa Silva Santos "
    "Oliveira Pereira Ibáñez Ortega Navarro Delgado Haddad Khoury Nasser Saleh Mansour Aziz Farouk Demir "
    "Yılmaz Kaya Şahin Öztürk Petrov Ivanova Sokolov Popescu Ionescu Dimitrov Georgiou Papadopoulos Mensah "
    "Owusu Boateng Asante Nkosi Dlamini Mokoena Kamau Otieno Mwangi Okafor Adeyemi Eze Balogun Tanaka Suzuki "
    "Sato Chen Wang Zhang Liu Sharma Patel Gupta Iyer Rao Nair Fernandes Almeida Carvalho Ribeiro Murphy "
    "O’Brien Kelly Byrne Walsh Ryan Jansen Devries Bakker Visser Smit Meijer Hansen Larsen Nielsen Lindqvist "
    "Holm Strand Eriksen Fischer Becker Wagner Hoffmann Schulz Keller Brandt Vogel Weber Marsh Hale Whitaker "
    "Pryce Okonjo Castell Ferrer Soler Vidal Serra Amato Greco Conti Marino Galli Leone"
).split()
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
AGENCIES = split(
    "Reuters | AFP | AP | dpa | EFE | ANSA | Xinhua | Meridian Press | Coastline Wire | Northern Newswire | "
    "Continental Press Service | Harbourside Wire"
)
OUTLET_FORMS = split(
    "The {P} Herald | The {P} Times | The {P} Courier | The {P} Gazette | The {P} Observer | "
    "The {P} Tribune | The {P} Chronicle | The {P} Post | {P} Radio | Radio {P} | {P} TV | {P} Online | "
    "The {P} Sentinel | {P} Evening News"
)
MINISTRIES = split(
    "Ministry of Health | Ministry of Transport | Ministry of Agriculture | Ministry of Energy | "
    "Ministry of Justice | Ministry of Education | Ministry of Finance | Ministry of the Interior | "
    "Ministry of Maritime Affairs | Ministry of Water Resources | Ministry of Housing | "
    "Ministry of Foreign Affairs"
)
GENERAL_ANONYMOUS = split(
    "a senior diplomat | a government source | two people familiar with the talks | "
    "a person close to the negotiations | an official at the ministry | a senior official | "
    "several residents | a local councillor | a police spokesman | an aide to the mayor"
)
# How an anonymous source is described after its first mention, if at all.
ANONYMOUS_EXTRA = (
    *split(
        "who asked not to be named | speaking on condition of anonymity | "
        "who was not authorised to speak publicly | who is familiar with the matter | "
        "who declined to be identified"
    ),
    "",
)
HEDGES = ("reportedly", "allegedly", "apparently")
TITLE_ENDS = split(", officials say | , report says | : what we know | , sources say | , campaigners warn")

# What any source may say, whatever the beat; "^" marks where a hedge goes. Each names its story's place or
# time, as a desk's claims do: the same sentence word for word in thousands of stories is no desk's.
GENERAL_CLAIMS = lines("""
    the talks in {place} will ^resume next week
    the plan will ^be put to a vote in {month}
    the {year} figures were ^published weeks later than required
    the decision on the {place} scheme will ^be appealed
    {big} people had ^signed the petition
    the budget for the project had ^doubled since {year}
    the inquiry will ^report its findings in {month}
    the {place} contract ^went to a company with links to the council
    {small} officials ^were suspended pending an investigation
    the new rules will ^take effect on {weekday}
    the previous audit in {place} had ^found no irregularities
    the mayor’s office had ^been warned about the problem in {year}
    {pct} percent of the money ^was never spent
    the regional government will ^cover half of the cost of the {place} scheme
    an independent review ^found serious failings in {place}
""")

# The prose between claims: a background clause, or who did what, with at most one phrase saying when.
GENERAL_BACKGROUND = lines("""
    officials held a closed meeting with local business owners
    the opposition called for an independent inquiry
    talks between the two sides broke down after {small} hours
    the figures were published without comment
    the regional assembly is due to vote on the plan in {month}
    a similar proposal was rejected by councillors in {year}
    the local press has followed the story closely
    the mayor’s office did not respond to a request for comment
    no date has been set for a public hearing
    the issue has divided opinion in {place} for years
    critics say the process has lacked transparency
    a petition against the decision has gathered {big} signatures
    a spokesperson for the opposition declined to comment
    the council’s budget committee meets again next week
    journalists were not allowed into the meeting
    the full report runs to more than {n} pages
    a decision is expected before the end of {month}
    similar measures were introduced in {place2} in {year}
    traffic around the town hall was diverted for most of the day
    the story drew wide attention on local radio
""")
WHO = lines("""
    residents of {place}
    local business owners
    opposition councillors
    campaigners
    union representatives
    several families in {place}
    officials in {place2}
    shopkeepers near the town hall
    volunteers
    people from the surrounding villages
    community leaders
    students at the local college
    the town’s older residents
    neighbours in {place2}
    parents at two local schools
    members of the chamber of commerce
    regional officials
    the two main parties
    church groups
    taxi drivers in {place}
    a group of retired teachers
    local farmers
    young people in {place}
    the tenants’ association
""")
DID = lines("""
    waited in vain for an answer
    met behind closed doors
    gathered outside the town hall
    asked for more time to study the plans
    raised the issue at a public meeting
    complained that they had not been consulted
    followed the debate closely
    organised {small} meetings
    signed an open letter
    received no reply from the authorities
    took part in a march through the centre of {place}
    set up a committee to follow the case
    were given only a few days’ notice
    shared their concerns on social media
    left the meeting without a statement
    were invited to a public hearing
    were among the first to hear the news
    collected money for the families affected
    put up posters across {place}
    handed a petition to the town hall
    wrote to their members of parliament
    held a vigil in the main square
""")
WHEN = split(
    "On {weekday}, | Earlier this month, | Last year, | In {month}, | By {weekday} evening, | "
    "As in previous years, | Last week, | Over the weekend,"
)
ALSO = split("Meanwhile, | In {place2}, | At the same time, | Elsewhere, | Separately,")
HOW = split(
    "despite the rain | as the deadline approached | after weeks of uncertainty | in a show of unity | "
    "without much hope of a quick answer | for the second time"
)


@dataclass(frozen=True)
class Topic:
    """One beat of the desk: whom it quotes and what they say."""

    bodies: tuple[str, ...]  # official bodies, "{P}" for a place
    roles: tuple[str, ...]  # what a person quoted on this beat is, "{body}" for one of the bodies
    monitors: tuple[str, ...]
    anonymous: tuple[str, ...]
    claims: tuple[str, ...]  # what a source says; "^" marks where a hedge goes
    facts: tuple[str, ...]  # what the article states on its own authority
    background: tuple[str, ...]
    titles: tuple[str, ...]


TOPICS = (
    Topic(
        bodies=split("{P} Port Authority | {P} Harbour Board | {P} Coast Guard | {P} Ferry Company"),
        roles=split(
            "a spokesperson for the {body} | the director of the {body} | "
            "a ferry captain in {P} | a fisherman from {P} | the harbour master of {P}"
        ),
        monitors=split("{P} Coast Watch | Friends of the {P} Harbour | {P} Maritime Safety Forum"),
        anonymous=split(
            "a port official | a harbour pilot | two dock workers | a senior coast guard officer"
        ),
        claims=lines("""
            the northern pier will ^close for repairs in {month}
            the port authority will ^raise mooring fees by {pct} percent
            about {big} containers ^passed through the port last year
            dredging the main channel would ^cost {money}
            the new ferry terminal will ^open before the end of {month}
            {n} dock workers ^walked off the job on {weekday}
            a cargo ship ^ran aground outside the harbour on {weekday} night
            the authority had ^ignored two safety warnings about the eastern crane
            fish landings in {place} ^fell by {pct} percent compared with {year}
            the ferry link to {place2} will ^be suspended for {small} days
            customs officers ^seized {n} kilograms of contraband at the port in {month}
            the harbour could ^handle twice as many cruise ships within five years
            the crane operator ^had worked a double shift before the accident
            the pier’s concrete ^was found to be weaker than specified
        """),
        facts=lines("""
            The port handled {big} containers in {year}.
            The northern pier was built in {old_year}.
            The ferry to {place2} runs {small} times a week in summer.
            About {big} people work in the harbour and its shipyards.
            The port authority is owned jointly by the city and the region.
        """),
        background=lines("""
            the harbour has been at the centre of a long dispute over fees
            dockside cafés were quiet as the news spread
            the port’s last major renovation was finished more than a decade ago
            fishing boats lined the quay while their crews waited for word on the new rules
            the harbour wall still shows the damage of the winter storms
            cruise ships bring thousands of visitors to {place} every summer
        """),
        titles=split(
            "{place} port to close northern pier in {month} | Ferry fares in {place} set to rise {pct}% | "
            "Dock workers in {place} strike over pay | Cargo ship runs aground off {place} | "
            "{place} harbour dredging to cost {money} | Fish landings fall at {place} port | "
            "Questions over crane safety at {place} harbour"
        ),
    ),
    Topic(
        bodies=split("{P} General Hospital | {P} Health Department | {P} Public Health Office"),
        roles=split(
            "a spokesperson for the {body} | the chief executive of the {body} | a nurse at the {body} | "
            "a surgeon at the {body} | a family doctor in {P}"
        ),
        monitors=split("Patients First {P} | {P} Health Watch | {P} Nurses’ Forum"),
        anonymous=split("a hospital doctor | a senior nurse | a health ministry official | two paramedics"),
        claims=lines("""
            waiting times for routine surgery have ^doubled since {year}
            the emergency ward will ^close at night from {month}
            {n} beds ^were left empty because of staff shortages
            the hospital ^spent {money} on agency nurses last year
            the new cancer unit will ^open in {month}
            {small} patients ^were sent to {place2} for treatment in a single week
            vaccination rates among children ^fell to {pct} percent
            the outbreak ^was traced to a catering supplier
            ambulances ^waited more than an hour outside the hospital on {weekday}
            the health department had ^known about the faulty scanners for months
            {n} nurses ^have left the hospital since {month}
            the clinic in {place2} will ^merge with the main hospital
        """),
        facts=lines("""
            The hospital has {n} beds.
            The emergency ward treated {big} patients in {year}.
            The nearest other hospital is in {place2}, {small} kilometres away.
            The health department serves about {big} people.
        """),
        background=lines("""
            the hospital’s car park was full by mid-morning
            patients’ groups have long complained about the waiting lists
            the ward was refurbished with regional money in {year}
            staff wore black armbands at the start of their shifts
            the hospital is the largest employer in {place}
        """),
        titles=split(
            "{place} hospital to close emergency ward at night | Surgery waits double in {place} | "
            "Staff shortages leave {n} beds empty in {place} | Outbreak in {place} traced to caterer | "
            "{place} nurses quit in record numbers | New cancer unit for {place} delayed again"
        ),
    ),
    Topic(
        bodies=split("{P} Electoral Commission | {P} City Council | {P} Regional Assembly"),
        roles=split(
            "the mayor of {P} | a councillor in {P} | the leader of the opposition in the {body} | "
            "a spokesperson for the {body} | a candidate for mayor of {P}"
        ),
        monitors=split("{P} Election Monitor | Clean Vote {P} | {P} Democracy Forum"),
        anonymous=split(
            "a senior party official | a campaign aide | two election observers | a council clerk"
        ),
        claims=lines("""
            turnout in the first round ^reached {pct} percent
            {big} ballots ^were declared invalid
            the vote count in {place2} will ^be repeated
            the mayor will ^not stand for a third term
            the campaign ^spent {money} on advertising
            {small} polling stations ^opened late on {weekday}
            the coalition had ^agreed on a new budget by {weekday}
            the opposition will ^boycott the next session of the assembly
            the electoral roll ^contained {n} people who had died
            postal votes ^arrived after the deadline in {place2}
            the council ^broke its own rules on public tenders
            the election will ^be held in {month}
        """),
        facts=lines("""
            The council has {small} seats.
            About {big} people are registered to vote in {place}.
            The last local election was held in {year}.
            The mayor has held office since {old_year}.
        """),
        background=lines("""
            campaign posters covered the walls of the old market
            the count went on until the early hours
            both candidates held rallies in {place} on {weekday}
            the assembly’s session was adjourned twice
            voters queued in the rain outside several schools
        """),
        titles=split(
            "Recount ordered in {place2} | Turnout reaches {pct}% in {place} vote | "
            "{place} mayor will not run again | Invalid ballots cloud {place} result | "
            "Opposition to boycott {place} assembly | {place} election set for {month}"
        ),
    ),
    Topic(
        bodies=split("{P} Power Company | {P} Grid Operator | {P} Energy Agency"),
        roles=split(
            "a spokesperson for the {body} | the chief executive of the {body} | an engineer at the {body} | "
            "an energy analyst in {P}"
        ),
        monitors=split("Clean Power {P} | {P} Energy Watch | {P} Consumers’ League"),
        anonymous=split("a grid engineer | an energy ministry official | a person at the power company"),
        claims=lines("""
            electricity prices will ^rise by {pct} percent in {month}
            the blackout ^affected {big} homes in {place}
            the wind farm off {place2} will ^supply {small} percent of the region’s power
            the coal plant will ^close by the end of the decade
            the company ^paid {money} in bonuses last year
            a faulty transformer ^caused the outage on {weekday}
            the grid ^was close to collapse for {n} minutes
            solar panels ^were installed on {n} public buildings
            the gas pipeline to {place2} had ^been leaking for weeks
            the regulator will ^cap household bills from {month}
        """),
        facts=lines("""
            The power station opened in {old_year}.
            The region uses about {big} megawatt hours a day in winter.
            The company supplies {big} customers.
        """),
        background=lines("""
            street lights in parts of {place} stayed dark until morning
            the wind turbines are visible from the coast road
            energy bills have been a political issue since {year}
            engineers worked through the night to restore supply
        """),
        titles=split(
            "Blackout hits {big} homes in {place} | Power prices to rise {pct}% in {month} | "
            "{place} coal plant to close | Wind farm off {place2} approved | "
            "Faulty transformer blamed for {place} outage"
        ),
    ),
    Topic(
        bodies=split("{P} Water Board | {P} Drought Office | {P} River Authority"),
        roles=split(
            "a spokesperson for the {body} | the director of the {body} | a farmer near {P} | "
            "a hydrologist at the {body}"
        ),
        monitors=split("Friends of the {P} River | {P} Water Watch | {P} Wetlands Trust"),
        anonymous=split("a water board engineer | a local farmer | an official at the river authority"),
        claims=lines("""
            the reservoir ^is only {pct} percent full
            a hosepipe ban will ^start on {weekday}
            {big} households ^had no running water for two days
            leaks ^waste {pct} percent of the town’s water
            the river ^was polluted by a chemical spill upstream
            the new treatment plant will ^cost {money}
            water bills will ^rise in {month}
            the wells near {place2} ^have run dry
            sewage ^was released into the river {n} times last year
            the dam ^is safe despite the cracks found in {month}
        """),
        facts=lines("""
            The reservoir was built in {old_year}.
            The water board serves about {big} people.
            It has rained on only {small} days since {month}.
        """),
        background=lines("""
            the river bed is visible for the first time in years
            tankers delivered water to outlying villages
            the drought has hit the vineyards around {place} hardest
            the lake is a popular spot for anglers in summer
        """),
        titles=split(
            "Hosepipe ban for {place} from {weekday} | {place} reservoir at {pct}% | "
            "Chemical spill pollutes {place} river | Wells run dry near {place2} | "
            "{place} water bills to rise | Cracks found in {place} dam"
        ),
    ),
    Topic(
        bodies=split("{P} Transit Authority | {P} Rail Company | {P} Roads Department"),
        roles=split(
            "a spokesperson for the {body} | the head of the {body} | a bus driver in {P} | "
            "a commuter from {P}"
        ),
        monitors=split("{P} Commuters’ Association | {P} Cycling Forum | {P} Road Safety Group"),
        anonymous=split("a rail official | a train driver | two bus drivers | a transport ministry official"),
        claims=lines("""
            the line to {place2} will ^close for {small} weeks in {month}
            fares will ^rise by {pct} percent
            {n} trains ^were cancelled on {weekday}
            the new bridge will ^cost {money}
            the signal failure ^was caused by cable theft
            the bypass will ^open in {month}
            bus services in {place} will ^be cut by a third
            the company ^knew about the faulty brakes
            {big} passengers ^used the tram in its first month
            the level crossing ^had failed twice before
        """),
        facts=lines("""
            The railway reached {place} in {old_year}.
            About {big} people commute into {place} each day.
            The tram network has {small} stops.
        """),
        background=lines("""
            commuters crowded onto replacement buses
            the station forecourt was closed to cars
            the line is one of the oldest in the country
            roadworks have slowed traffic on the ring road for months
        """),
        titles=split(
            "{place2} line to close for {small} weeks | Fares to rise {pct}% in {place} | "
            "Cable theft halts trains in {place} | {place} bus services cut by a third | "
            "New bridge for {place} to cost {money}"
        ),
    ),
    Topic(
        bodies=split("{P} Farmers’ Cooperative | {P} Food Safety Office | {P} Agriculture Department"),
        roles=split(
            "the chair of the {body} | a spokesperson for the {body} | a dairy farmer in {P} | "
            "a market trader in {P}"
        ),
        monitors=split("{P} Food Watch | Fair Harvest {P} | {P} Soil Alliance"),
        anonymous=split("a grain trader | an agriculture ministry official | several farmers"),
        claims=lines("""
            milk prices ^fell by {pct} percent this year
            the harvest ^was the worst since {old_year}
            {n} farms ^were hit by the hailstorm
            the subsidy scheme will ^end in {month}
            bread prices will ^rise by {pct} percent
            the cooperative ^lost {money} last year
            imported fruit ^was relabelled as local
            the disease ^was found on {small} farms near {place2}
            {big} tonnes of wheat ^are stuck in silos
            farmers will ^block the motorway on {weekday}
        """),
        facts=lines("""
            About {big} people work in farming around {place}.
            The cooperative was founded in {old_year}.
            The market in {place} is held every {weekday}.
        """),
        background=lines("""
            tractors lined the road into {place}
            the weekly market was quieter than usual
            the valley is known for its orchards
            farmers have protested against the rules since {year}
        """),
        titles=split(
            "Milk prices fall {pct}% in {place} | Worst harvest in decades for {place} | "
            "Farmers to block motorway near {place} | Hailstorm hits {n} farms | "
            "Fruit relabelling scandal in {place}"
        ),
    ),
    Topic(
        bodies=split("{P} District Court | {P} Police | {P} Prosecutor’s Office"),
        roles=split(
            "a spokesperson for the {body} | a lawyer for the defence in {P} | the chief prosecutor of {P} | "
            "a police officer in {P}"
        ),
        monitors=split("{P} Observatory for Human Rights | {P} Justice Project | {P} Prison Watch"),
        anonymous=split("a police source | a court official | a person close to the investigation"),
        claims=lines("""
            the suspect ^was arrested at his home on {weekday}
            {n} people ^were detained after the protest
            the trial will ^begin in {month}
            the former mayor ^took {money} in bribes
            the evidence ^was mishandled by investigators
            burglaries in {place} ^rose by {pct} percent
            the judge will ^rule on the appeal next week
            the prison in {place2} ^holds twice as many inmates as it was built for
            the police ^used tear gas on {weekday} night
            the witness ^was paid to change her statement
        """),
        facts=lines("""
            The court sits in the old town hall.
            The police force has about {big} officers.
            The case was first reported in {year}.
        """),
        background=lines("""
            reporters waited outside the courthouse all afternoon
            the hearing was adjourned after a short session
            the case has drawn attention well beyond {place}
            the defendants deny all charges
        """),
        titles=split(
            "Former {place} mayor on trial | Arrest in {place} bribery case | "
            "{n} detained after {place} protest | Burglaries up {pct}% in {place} | "
            "Appeal ruling due in {place} case"
        ),
    ),
    Topic(
        bodies=split("{P} Education Department | {P} School Board | {P} University"),
        roles=split(
            "the head of the {body} | a teacher in {P} | a spokesperson for the {body} | "
            "a professor at the {body}"
        ),
        monitors=split("Parents’ Forum {P} | {P} Teachers’ Union | {P} Education Watch"),
        anonymous=split(
            "a head teacher | a school inspector | two teachers | an education ministry official"
        ),
        claims=lines("""
            {small} schools in {place} will ^close next year
            exam results ^improved by {pct} percent
            the university will ^raise fees in {month}
            {n} teaching posts ^remain unfilled
            the new school ^cost {money} more than planned
            the exam papers ^were leaked the night before
            classes will ^resume on {weekday}
            the roof of the primary school ^was unsafe for years
            {big} pupils ^sat the national exam
            teachers will ^strike in {month}
        """),
        facts=lines("""
            There are {small} secondary schools in {place}.
            The university was founded in {old_year}.
            About {big} students are enrolled this year.
        """),
        background=lines("""
            parents gathered at the school gates
            the school has been housed in temporary buildings since {year}
            the exams are held in the first week of {month}
            students staged a sit-in at the university
        """),
        titles=split(
            "{small} schools to close in {place} | Exam leak in {place} | "
            "{place} teachers to strike in {month} | University fees to rise in {place} | "
            "Unsafe roof at {place} school"
        ),
    ),
    Topic(
        bodies=split("{P} Weather Service | {P} Civil Protection Agency | {P} Fire Service"),
        roles=split(
            "a forecaster at the {body} | the head of the {body} | a spokesperson for the {body} | "
            "a resident of {P}"
        ),
        monitors=split("{P} Climate Observatory | {P} Flood Action Group | {P} Storm Network"),
        anonymous=split("a fire officer | a civil protection official | several residents | a forecaster"),
        claims=lines("""
            {n} millimetres of rain ^fell in {small} hours
            the storm will ^reach the coast on {weekday}
            {big} people ^were evacuated from {place2}
            the flood defences ^failed in two places
            the fire ^was started deliberately
            damage from the storm will ^cost {money}
            temperatures will ^reach {small} degrees this week
            the warning ^came too late for villages in the valley
            the river will ^peak on {weekday} night
            {n} homes ^were left without power after the storm
        """),
        facts=lines("""
            The last major flood in {place} was in {old_year}.
            The river rose {small} metres overnight.
            The fire service has {n} firefighters in the district.
        """),
        background=lines("""
            sandbags were piled against doors along the river
            roads out of {place} were closed by fallen trees
            volunteers handed out blankets at the sports hall
            the sky cleared by the afternoon
        """),
        titles=split(
            "Storm to hit {place} on {weekday} | {big} evacuated from {place2} | "
            "Floods break defences in {place} | Wildfire near {place} started deliberately | "
            "Record rain in {place}"
        ),
    ),
)


# (before the claim, after it, cue, hedge allowed): "{S_}" names the speaker at the start, with what they are
# on the first mention; "{s}" names them mid-sentence; "{H}", "{H0}", "{H1}" are the hops before them.
ONE_HOP = (
    ("{S_} said that ", ".", "said", True),
    ("{S_} said on {weekday} that ", ".", "said", True),
    ("On {weekday}, {s_} said ", ".", "said", True),
    ("“", ",” {s} said.", "said", False),
    ("According to {s}, ", ".", "according to", True),
    ("", ", according to {s}.", "according to", True),
    ("{S_} told reporters in {place} that ", ".", "told", True),
    ("{S_} confirmed that ", ".", "confirmed", True),
    ("In a statement, {s} said ", ".", "said", True),
    ("{S_} warned that ", ".", "warned", True),
)
OUTLET_SPEAKS = (
    ("{S} reported that ", ".", "reported", True),
    ("{S} reported on {weekday} that ", ".", "reported", True),
    ("", ", {s} reported.", "reported", True),
)
TWO_HOPS = (
    ("{S_} told {H} that ", ".", "told", True),
    ("{H} reported that ", ", citing {s}.", "reported", True),
    ("{S_} said ", ", {H} reported.", "said", True),
    ("According to {H}, {s} said that ", ".", "said", True),
    ("{S_} was quoted by {H} as saying that ", ".", "quoted … as saying", True),
)
THREE_HOPS = (
    ("{H0} reported, citing {H1}, that {s} had said ", ".", "said", True),
    ("According to {H0}, {s} told {H1} that ", ".", "told", True),
    ("{H1} quoted {s} as saying that ", ", {H0} reported.", "quoted … as saying", True),
)

NOTES = {
    ClaimStatus.CONFIRMED: (
        "Matches the published figures.",
        "Confirmed by phone with the press office.",
        "Checked against the official record.",
        "Two independent sources confirm.",
        "The minutes of the meeting say the same.",
    ),
    ClaimStatus.DISPUTED: (
        "The official figures say otherwise.",
        "The press office denies this.",
        "No record of this in the council minutes.",
        "The date is wrong: it happened a week earlier.",
        "The number does not match the agency’s own report.",
        "The quote appears nowhere in the original interview.",
    ),
    ClaimStatus.UNVERIFIED: (
        "Called the press office; no answer yet.",
        "Asked the agency for its source.",
        "Reopened: the source has since corrected itself.",
        "Waiting for the court record.",
    ),
}


STATUSES = (ClaimStatus.UNVERIFIED, ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED)


class Deck:
    """Draws from a word list without repeats until it runs out, then from a fresh shuffle."""

    def __init__(self, rng: random.Random, items: tuple[str, ...]):
        self.random, self.items = rng.random, items
        self.left: list[str] = []

    def draw(self) -> str:
        left = self.left
        if not left:
            left.extend(self.items)
        # A shuffle drawn one card at a time: only as many random numbers as draws.
        i = int(self.random() * len(left))
        left[i], left[-1] = left[-1], left[i]
        return left.pop()


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


MONEY = ("{:.1f} million euros", "${:.1f} million", "{:.1f} million dollars")


class Slots(dict):
    """The values of a template's slots in one article: its places and speakers, and numbers drawn fresh
    each time a template asks for one."""

    def __init__(self, rng: random.Random, **fixed):
        super().__init__(fixed)
        self.random = rng.random

    def __missing__(self, key: str) -> str:
        # int(random() * n) rather than randint: this runs tens of millions of times for a big desk.
        r = self.random()
        match key:
            case "n":
                return str(12 + int(r * 889))
            case "small":
                return str(2 + int(r * 29))
            case "big":
                return f"{1_000 + int(r * 94_000):,}"
            case "pct":
                return str(2 + int(r * 44))
            case "money":
                return MONEY[int(r * 3)].format((12 + int(self.random() * 939)) / 10)
            case "month":
                return MONTHS[int(r * 12)]
            case "weekday":
                return WEEKDAYS[int(r * 7)]
            case "year":
                return str(2012 + int(r * 13))
            case "old_year":
                return str(1890 + int(r * 106))
        raise KeyError(key)


@dataclass(slots=True, eq=False)
class Speaker:
    """A source as the article names it."""

    id: int
    mention: str  # mid-sentence: "the Velmora Port Authority", "a port official"
    again: str  # on later mentions: "Roca" for Ines Roca
    appositive: str = ""  # said once, after the first mention: "a spokesperson for …"
    topic: int = -1


@dataclass
class Roster:
    """The named sources: rows to store, and the speakers and hops articles draw from."""

    rows: list[tuple] = field(default_factory=list)  # new Source rows
    speakers: list[Speaker] = field(default_factory=list)  # persons, officials, monitors
    by_topic: list[list[Speaker]] = field(default_factory=lambda: [[] for _ in TOPICS])
    outlets: list[Speaker] = field(default_factory=list)
    agencies: list[Speaker] = field(default_factory=list)


def named_sources(seed: int, size: int) -> list[tuple[str, str, str, int, str, str]]:
    """The desk's named sources, `size` at most: (name, kind, description, topic, mention, again).

    The list for a seed is always the same and a smaller desk takes a prefix of each kind, so --append finds
    the sources of earlier runs by name.
    """
    share = {SourceKind.PERSON: 0.55, SourceKind.OFFICIAL: 0.25, SourceKind.NEWS_OUTLET: 0.12}
    share[SourceKind.MONITOR] = 1 - sum(share.values())
    found: list[tuple[str, str, str, int, str, str]] = []
    keys: set[str] = set()

    def add(name, kind, description="", topic=-1, mention=None, again=None):
        key = Source.key_for(name)
        if key and key not in keys:
            keys.add(key)
            found.append((name, kind, description, topic, mention or name, again or mention or name))
            return True
        return False

    for name in AGENCIES:
        add(name, SourceKind.NEWS_AGENCY, "news agency")
    for kind, part in share.items():
        rng = random.Random(f"{seed}:{kind}")  # noqa: S311 - seeded on purpose: one desk per seed
        wanted, made, tries = max(1, math.ceil(size * part)), 0, 0
        while made < wanted and tries < wanted * 50:
            tries += 1
            place = rng.choice(PLACES)
            topic_index = rng.randrange(len(TOPICS))
            topic = TOPICS[topic_index]
            if kind == SourceKind.PERSON:
                last = rng.choice(LAST_NAMES)
                name = f"{rng.choice(FIRST_NAMES)} {last}"
                body = rng.choice(topic.bodies).format(P=rng.choice(PLACES))
                description = rng.choice(topic.roles).format(body=body, P=place)
                made += add(name, kind, description, topic_index, again=last)
            elif kind == SourceKind.OFFICIAL:
                if made < len(MINISTRIES) and rng.random() < 0.5:  # a ministry speaks on any beat
                    made += add(MINISTRIES[made], kind, "", -1, mention=f"the {MINISTRIES[made]}")
                else:
                    name = rng.choice(topic.bodies).format(P=place)
                    made += add(name, kind, "", topic_index, mention=f"the {name}")
            elif kind == SourceKind.MONITOR:
                name = rng.choice(topic.monitors).format(P=place)
                description = rng.choice(
                    ("a monitoring group", "an independent watchdog", "a campaign group")
                )
                made += add(name, kind, f"{description} based in {place}", topic_index)
            else:
                made += add(rng.choice(OUTLET_FORMS).format(P=place), kind, f"a news outlet in {place}")
    return found


def zipf(items: list) -> list[float]:
    """Cumulative weights that make the first items of a list the most quoted, as on a real desk."""
    return list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(items))))


TABLE_FIELDS = {
    Source: ("id", "name", "normalised_name", "kind", "description"),
    Article: ("id", "title", "outlet_id", "published_on", "text", "text_hash", "created_at"),
    Claim: (
        "id",
        "article_id",
        "text",
        "start",
        "end",
        "source_id",
        "cue",
        "hedge",
        "unattributed",
        "status",
        "assignee_id",
        "version",
        "created_at",
        "updated_at",
    ),
    ChainLink: ("id", "claim_id", "position", "source_id"),
    Review: ("id", "claim_id", "reviewer_id", "old_status", "new_status", "note", "assignment", "created_at"),
    Suggestion: ("id", "article_id", "text", "start", "end", "attributed", "chain", "confidence"),
}


class Desk:
    """Makes the desk's rows, article by article, with ids of their own from the given first ones."""

    def __init__(
        self,
        *,
        rng: random.Random,
        roster: Roster,
        reviewers: list[tuple[int, str]],
        editor: int,
        next_ids: dict,
        until: datetime,
    ):
        self.rng = rng
        self.roster = roster
        self.reviewers = reviewers
        self.editor = editor
        self.ids = {model: count(first) for model, first in next_ids.items()}
        self.until = until
        self.rows: dict[type[models.Model], list[tuple]] = {model: [] for model in TABLE_FIELDS}
        self.hashes: set[str] = set()
        self.speaker_weights = zipf(roster.speakers)
        self.topic_weights = [zipf(pool) for pool in roster.by_topic]
        self.hops = roster.agencies + roster.outlets
        # The wires carry most of what a desk passes on; then the outlets, the biggest first.
        self.hop_weights = list(
            accumulate(
                [8.0] * len(roster.agencies) + [1 / (r + 1) ** 0.8 for r in range(len(roster.outlets))]
            )
        )
        self.outlet_weights = zipf(roster.outlets)

    def new_id(self, model) -> int:
        return next(self.ids[model])

    def take_rows(self) -> dict[type[models.Model], list[tuple]]:
        rows, self.rows = self.rows, {model: [] for model in TABLE_FIELDS}
        return rows

    def article(self, claims_wanted: int, created_at: datetime) -> None:
        """One article with `claims_wanted` claims, their sources, chains and history."""
        rng = self.rng
        while True:
            topic = rng.choice(TOPICS)
            topic_index = TOPICS.index(topic)
            place, place2 = rng.sample(PLACES, 2)
            outlet = None
            if self.roster.outlets:
                outlet = rng.choices(self.roster.outlets, cum_weights=self.outlet_weights)[0]
            slots = Slots(rng, place=place, place2=place2)
            sentences, claims, spares = self.compose(topic, topic_index, claims_wanted, slots, outlet)
            text, spans = self.layout(sentences)
            text_hash = text_fingerprint(text)
            if text_hash not in self.hashes:  # never seen in practice; the unique constraint would refuse it
                break
        self.hashes.add(text_hash)
        article_id = self.new_id(Article)
        published_on = (created_at - timedelta(hours=rng.uniform(0, 40))).date()
        title = rng.choice(topic.titles) + (rng.choice(TITLE_ENDS) if rng.random() < 0.4 else "")
        title = capitalised(title.format_map(slots))
        self.rows[Article].append(
            (article_id, title, outlet.id if outlet else None, published_on, text, text_hash, created_at)
        )
        # The claims' sentences are the ones that are not background, in the same order.
        background = set(spares)
        claim_spans = [span for i, span in enumerate(spans) if i not in background]
        for (start, end), (passage, source, chain, cue, hedge) in zip(claim_spans, claims, strict=True):
            assert text[start:end] == passage  # noqa: S101 - the offsets are the point of this data
            self.claim(article_id, text, start, end, source, chain, cue, hedge, created_at)
        if spares and rng.random() < 0.05:  # a few articles still have suggestions to look at
            for index in rng.sample(spares, min(len(spares), rng.randint(1, 3))):
                start, end = spans[index]
                row: tuple = (self.new_id(Suggestion), article_id, text[start:end], start, end, False, [])
                self.rows[Suggestion].append((*row, round(rng.uniform(0.4, 0.95), 2)))

    def compose(self, topic: Topic, topic_index: int, wanted: int, slots: Slots, outlet):
        """The article's sentences in reading order, the claims' (passage, source, chain, cue, hedge), and
        which sentences are background."""
        rng = self.rng
        cast, hops = self.cast(topic_index, outlet)
        plan = [
            0 if rng.random() < 0.10 else rng.choices((1, 2, 3), cum_weights=(60, 90, 100))[0]
            for _ in range(wanted)
        ]
        anonymous_at = self.anonymous(topic, plan)
        said, facts = Deck(rng, topic.claims + GENERAL_CLAIMS), Deck(rng, topic.facts)
        mentioned: set[int] = set()
        sentences: list[tuple[str, str, str]] = []  # (before the passage, the passage, after it)
        claims: list[tuple[str, Speaker | None, list[Speaker], str, str]] = []
        for i, hops_count in enumerate(plan):
            if not hops_count:  # the article's own statement: the whole sentence is the claim
                passage = facts.draw().format_map(slots)
                sentences.append(("", passage, ""))
                claims.append((passage, None, [], "", ""))
                continue
            if i in anonymous_at:
                speaker = anonymous_at[i]
            elif hops_count == 1 and rng.random() < 0.1:
                speaker = rng.choice(hops)  # "Reuters reported that …"
            else:
                speaker = rng.choice(cast)
            templates: tuple[tuple[str, str, str, bool], ...]  # (before, after, cue, may be hedged)
            if any(speaker is hop for hop in hops):
                templates, chain = OUTLET_SPEAKS, [speaker]
            else:
                passed_on_by = [hop for hop in hops if hop is not speaker]
                chain = [*rng.sample(passed_on_by, min(hops_count - 1, len(passed_on_by))), speaker]
                templates = (ONE_HOP, TWO_HOPS, THREE_HOPS)[len(chain) - 1]
            before, after, cue, may_hedge = rng.choice(templates)
            hedge = ""
            if may_hedge and rng.random() < 0.12:
                hedge = HEDGES[0] if rng.random() < 0.6 else rng.choice(HEDGES)
            passage = said.draw().format_map(slots).replace("^", f"{hedge} " if hedge else "")
            if before in ("", "“"):
                passage = capitalised(passage)
            name = speaker.again if speaker.id in mentioned else speaker.mention
            described = (
                f"{name}, {speaker.appositive},"
                if speaker.appositive and speaker.id not in mentioned
                else name
            )
            mentioned.add(speaker.id)
            slots.update(
                S=capitalised(name),
                s=name,
                S_=capitalised(described),
                s_=described,
                H=chain[0].mention,
                H0=chain[0].mention,
                H1=chain[1].mention if len(chain) > 2 else "",
            )
            sentences.append((before.format_map(slots), passage, after.format_map(slots)))
            claims.append((passage, speaker, chain, cue, hedge))
        extra = self.background(topic, slots, sum(len(a) + len(b) + len(c) + 1 for a, b, c in sentences))
        # The lead is a claim; the rest mixes claims and background, claims in their order.
        order = [True] * (len(sentences) - 1) + [False] * len(extra)
        rng.shuffle(order)
        claim_sentences, extra_sentences = iter(sentences[1:]), iter(extra)
        mixed, spares = [sentences[0]], []
        for is_claim in order:
            if not is_claim:
                spares.append(len(mixed))
            mixed.append(next(claim_sentences) if is_claim else next(extra_sentences))
        return mixed, claims, spares

    def cast(self, topic_index: int, outlet: Speaker | None) -> tuple[list[Speaker], list[Speaker]]:
        """Who speaks in an article: a few named sources, mostly from the beat; and who passes it on."""
        rng, roster = self.rng, self.roster
        beat = roster.by_topic[topic_index]
        cast = []
        for _ in range(rng.randint(2, 5)):
            if beat and rng.random() < 0.75:
                cast.append(rng.choices(beat, cum_weights=self.topic_weights[topic_index])[0])
            else:
                cast.append(rng.choices(roster.speakers, cum_weights=self.speaker_weights)[0])
        hops = rng.choices(self.hops, cum_weights=self.hop_weights, k=3)
        # Other outlets and the wires pass claims on, not the article's own outlet.
        hops = [hop for hop in hops if hop is not outlet] or roster.agencies[:1]
        return list({s.id: s for s in cast}.values()), list({h.id: h for h in hops}.values())

    def anonymous(self, topic: Topic, plan: list[int]) -> dict[int, Speaker]:
        """The anonymous sources of an article, about one on average, by the claims they make."""
        rng = self.rng
        attributed = [i for i, hops_count in enumerate(plan) if hops_count]
        wanted = rng.choices((0, 1, 2, 3), cum_weights=(25, 70, 92, 100))[0]
        speakers: dict[int, Speaker] = {}
        made: list[Speaker] = []
        for i in rng.sample(attributed, min(wanted, len(attributed))):
            if made and rng.random() < 0.3:
                speakers[i] = rng.choice(made)  # quoted again
                continue
            name = rng.choice(topic.anonymous + GENERAL_ANONYMOUS)
            extra = rng.choice(ANONYMOUS_EXTRA)
            # "A port official said …", then "the port official told …".
            article, _, rest = name.partition(" ")
            again = f"the {rest}" if article in ("a", "an") else name
            speaker = Speaker(id=self.new_id(Source), mention=name, again=again, appositive=extra)
            self.rows[Source].append((speaker.id, name, Source.key_for(name), SourceKind.ANONYMOUS, extra))
            made.append(speaker)
            speakers[i] = speaker
        return speakers

    def background(self, topic: Topic, slots: Slots, length: int) -> list[tuple[str, str, str]]:
        """Sentences of background, until the article is 3 to 8 KB long."""
        rng = self.rng
        target = rng.randint(3_100, 7_800)
        clauses = Deck(rng, topic.background + GENERAL_BACKGROUND)
        who, did = Deck(rng, WHO), Deck(rng, DID)
        extra = []
        while length < target:
            r = rng.random()
            if r < 0.35:
                clause = clauses.draw()
            else:
                clause = f"{who.draw()} {did.draw()}"
                if r < 0.5:
                    clause = f"{rng.choice(WHEN)} {clause}"
                elif r < 0.6:
                    clause = f"{rng.choice(ALSO)} {clause}"
                elif r < 0.75:
                    clause = f"{clause} {rng.choice(HOW)}"
            sentence = capitalised(clause.format_map(slots)) + "."
            extra.append(("", sentence, ""))
            length += len(sentence) + 1
        return extra

    def layout(self, sentences: list[tuple[str, str, str]]) -> tuple[str, list[tuple[int, int]]]:
        """Join the sentences into paragraphs; the spans of the passages, in order."""
        rng = self.rng
        parts, spans, position = [], [], 0
        left_in_paragraph = rng.randint(1, 2)
        for i, (before, passage, after) in enumerate(sentences):
            if i:
                separator = " " if left_in_paragraph else "\n\n"
                if not left_in_paragraph:
                    left_in_paragraph = rng.randint(2, 4)
                parts.append(separator)
                position += len(separator)
            left_in_paragraph -= 1
            start = position + len(before)
            spans.append((start, start + len(passage)))
            sentence = before + passage + after
            parts.append(sentence)
            position += len(sentence)
        return "".join(parts), spans

    def claim(self, article_id, text, start, end, source, chain, cue, hedge, created_at) -> None:
        """The claim's row, its chain's links, and its history up to its status now."""
        rng = self.rng
        claim_id = self.new_id(Claim)
        r = rng.random()
        status = STATUSES[(r >= 0.60) + (r >= 0.85)]  # 60 % unverified, 25 % confirmed, 15 % disputed
        if status == ClaimStatus.UNVERIFIED:
            verdicts = [] if rng.random() < 0.88 else [ClaimStatus.UNVERIFIED]  # a check, nothing found yet
        else:
            verdicts = [
                rng.choice(STATUSES) for _ in range(rng.choices((0, 1, 2), cum_weights=(65, 90, 100))[0])
            ]
            verdicts.append(status)
        assignee = rng.choice(self.reviewers) if rng.random() < 0.2 else None
        events = len(verdicts) + bool(assignee)
        # Reviewed within three weeks of the import, and not after now.
        span = max(0.0, min((self.until - created_at).total_seconds(), 21 * 86_400))
        times = sorted(created_at + timedelta(seconds=rng.random() * span) for _ in range(events))
        assigned_at = (0 if rng.random() < 0.7 else rng.randint(0, len(verdicts))) if assignee else -1
        version = 1 + len(verdicts)
        old, reviewer, reviews = ClaimStatus.UNVERIFIED, None, self.rows[Review]
        for when in times:
            if assigned_at == 0 and assignee:  # 0 only with an assignee
                note = f"Assigned to {assignee[1]}."
                reviews.append((self.new_id(Review), claim_id, self.editor, old, old, note, True, when))
                reviewer, assigned_at = assignee, -1
                continue
            assigned_at -= 1
            new = verdicts.pop(0)
            notes = NOTES[new]
            # A dispute, or a verdict that keeps the status, needs its reason written down.
            note = (
                rng.choice(notes) if new == old or new == ClaimStatus.DISPUTED or rng.random() < 0.4 else ""
            )
            who = (reviewer or rng.choice(self.reviewers))[0]
            reviews.append((self.new_id(Review), claim_id, who, old, new, note, False, when))
            old = new
        updated_at = times[-1] if times else created_at
        self.rows[Claim].append(
            (
                claim_id,
                article_id,
                text[start:end],
                start,
                end,
                source.id if source else None,
                cue,
                hedge,
                source is None,
                status,
                assignee[0] if assignee else None,
                version,
                created_at,
                updated_at,
            )
        )
        self.rows[ChainLink].extend(
            (self.new_id(ChainLink), claim_id, position, hop.id) for position, hop in enumerate(chain)
        )


def claims_per_article(rng: random.Random, claims: int) -> list[int]:
    """Split the claims into articles of 10 to 20 each (fewer only when there are fewer than 10 in all)."""
    sizes, left = [], claims
    while left > 0:
        size = left if left <= 20 else rng.randint(10, min(20, left - 10))
        sizes.append(size)
        left -= size
    return sizes


class Store:
    """Writes rows with their own ids: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.tables = [model._meta.db_table for model in TABLE_FIELDS]
        self.fields, self.copy_sql, self.defaults = {}, {}, {}
        self.pending: Future | None = None
        quote = connection.ops.quote_name
        for model, names in TABLE_FIELDS.items():
            self.fields[model] = fields = [model._meta.get_field(name) for name in names]
            # Columns left out take their model default, as bulk_create would give them; the database
            # computes generated ones.
            rest = [
                f
                for f in model._meta.concrete_fields
                if f.attname not in names and not f.has_db_default() and not f.primary_key and not f.generated
            ]
            columns = ", ".join(quote(f.column) for f in fields + rest)
            self.copy_sql[model] = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
            self.defaults[model] = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        self.set_aside: list[tuple[str, str]] = []  # (what to drop, the statement that makes it again)

    def quoted_tables(self) -> str:
        return ", ".join(connection.ops.quote_name(table) for table in self.tables)

    def next_ids(self) -> dict:
        return {
            model: (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1 for model in TABLE_FIELDS
        }

    def lock(self, *, bulk: bool) -> None:
        """Keep other writers out until commit: the ids are taken from max(id) + 1, not the sequences."""
        if self.postgres:
            mode = "ACCESS EXCLUSIVE" if bulk else "EXCLUSIVE"  # a bulk load drops indexes: readers wait too
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {self.quoted_tables()} IN {mode} MODE")

    def drop_indexes(self) -> None:
        """Drop the tables' foreign keys and non-unique indexes, for `rebuild` to make again in bulk.

        Checking a foreign key row by row at commit, and adding each row to a trigram index, cost several
        times more than building them once over the loaded tables. The unique indexes stay, so the
        load is still checked; all of it is one transaction, so a failure leaves them as they were.
        """
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT format('ALTER TABLE %%s DROP CONSTRAINT %%I', conrelid::regclass, conname), "
                "format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', conrelid::regclass, conname, "
                "pg_get_constraintdef(oid)) "
                "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY oid",
                [self.tables],
            )
            self.set_aside = cursor.fetchall()
            cursor.execute(
                "SELECT format('DROP INDEX %%s', indexrelid::regclass), pg_get_indexdef(indexrelid) "
                "FROM pg_index WHERE indrelid = ANY(%s::regclass[]) AND NOT indisunique "
                "AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = indexrelid) ORDER BY indexrelid",
                [self.tables],
            )
            self.set_aside += cursor.fetchall()
            for drop, _ in self.set_aside:
                cursor.execute(drop)

    def rebuild(self, progress) -> None:
        """Make the indexes and foreign keys `drop_indexes` dropped, from their saved definitions."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")  # room for the trigram indexes to sort
            for done, (_, make) in enumerate(self.set_aside, start=1):
                cursor.execute(make)
                progress(done, len(self.set_aside))

    @contextmanager
    def writer(self) -> Iterator[None]:
        """Store the chunks handed to `write` in the background while the next one is made (PostgreSQL)."""
        if not self.postgres:
            yield
            return
        connection.ensure_connection()
        self.raw = connection.connection  # psycopg's own: Django's connection object belongs to this thread
        with ThreadPoolExecutor(max_workers=1) as self.background:
            try:
                yield
            finally:
                self.wait()  # before the transaction ends, whichever way it ends

    def wait(self) -> None:
        if self.pending:
            pending, self.pending = self.pending, None
            pending.result()

    def write(self, rows: dict) -> None:
        if not self.postgres:
            for model, table_rows in rows.items():
                names = TABLE_FIELDS[model]
                model.objects.bulk_create(model(**dict(zip(names, row, strict=True))) for row in table_rows)
            return
        for model, fields in self.fields.items():
            if any(isinstance(f, models.JSONField) for f in fields):  # psycopg would send a list as an array
                rows[model] = [
                    tuple(
                        f.get_db_prep_save(value, connection) if isinstance(f, models.JSONField) else value
                        for value, f in zip(row, fields, strict=True)
                    )
                    for row in rows.get(model, ())
                ]
        self.wait()  # one chunk in the pipe at a time, so memory stays bounded
        self.pending = self.background.submit(self.copy, rows)

    def copy(self, rows: dict) -> None:
        """COPY the rows in, on the worker thread; the main thread stays off the connection meanwhile."""
        with self.raw.cursor() as cursor:
            for model, table_rows in rows.items():
                if not table_rows:
                    continue
                defaults = self.defaults[model]
                with cursor.copy(self.copy_sql[model]) as copy:
                    for row in table_rows:
                        copy.write_row((*row, *defaults) if defaults else row)

    def finish(self) -> None:
        """Move the sequences past the ids taken."""
        if self.postgres:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(TABLE_FIELDS)):
                    cursor.execute(sql)

    def analyze(self) -> None:
        """Statistics for the planner, and the visibility map VACUUM sets, without which no count or page
        is an index-only scan until autovacuum comes by (outside the transaction: VACUUM can't be in one)."""
        if self.postgres:
            with connection.cursor() as cursor:
                # Inside a caller's transaction (a test's) VACUUM can't run: ANALYZE alone, then.
                vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                cursor.execute(f"{vacuum} {self.quoted_tables()}")
                if not connection.in_atomic_block:
                    # The kept totals were rewritten by every chunk's triggers: a year's churn in minutes.
                    # At a desk's pace autovacuum reuses their dead rows but never shrinks them; compacted,
                    # they are the best case, as a desk's would be after a VACUUM FULL.
                    cursor.execute(f"VACUUM (FULL, ANALYZE) {', '.join(KEPT_TOTALS)}")


class Command(BaseCommand):
    help = (
        "Fill the database with a made-up year of a wire desk for load tests: articles of 3-8 KB with 10-20 "
        "claims each, named and anonymous sources, attribution chains, assignments and review history. "
        "Refuses a database that holds articles already, unless --append."
    )

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, required=True, help="how many claims to make in all")
        parser.add_argument("--seed", type=int, default=1, help="the same seed makes the same desk")
        parser.add_argument("--reviewers", type=int, default=20, help="bench-reviewer-1 … N")
        parser.add_argument("--append", action="store_true", help="add to a database with articles in it")
        parser.add_argument(
            "--chunk", type=int, default=2_000, help="articles generated and stored at a time"
        )

    def handle(self, *args, claims, seed, reviewers, append, chunk, **options):
        if claims < 1 or reviewers < 1 or chunk < 1:
            raise CommandError("--claims, --reviewers and --chunk must be at least 1.")
        started = time.monotonic()
        store = Store()
        # Rebuilding the indexes pays when the load is big and at least doubles the claims.
        bulk = store.postgres and claims >= BULK_LOAD and claims >= Claim.objects.count()
        with transaction.atomic():
            store.lock(bulk=bulk)
            existing = Article.objects.count()
            if existing and not append:
                raise CommandError(
                    f"The database holds {existing:,} articles already: use --append to add to them, "
                    "or generate into an empty database."
                )
            if bulk:
                store.drop_indexes()
            with store.writer():
                totals = self.generate(
                    store, claims, seed=seed, reviewers=reviewers, chunk=chunk, existing=existing
                )
            if bulk:
                store.rebuild(
                    lambda done, total: self.progress(done, total, "indexes and foreign keys rebuilt")
                )
            store.finish()
        store.analyze()
        named, anonymous = totals["named"], totals["anonymous"]
        self.stdout.write(
            f"\nGenerated {totals[Article]:,} articles, {totals[Claim]:,} claims, "
            f"{named + anonymous:,} sources ({named:,} named, {anonymous:,} anonymous), "
            f"{totals[ChainLink]:,} chain links, "
            f"{totals[Review]:,} reviews and {totals[Suggestion]:,} suggestions "
            f"in {time.monotonic() - started:.1f} s."
        )
        self.stdout.write(
            f"Accounts: bench-reviewer-1 … bench-reviewer-{reviewers} (Reviewers) and {EDITOR} (Editors), "
            f"password {PASSWORD!r}."
        )

    def generate(
        self, store: Store, claims: int, *, seed: int, reviewers: int, chunk: int, existing: int
    ) -> dict:
        """Make and store the desk, `chunk` articles at a time; the rows made per table."""
        next_ids = store.next_ids()
        roster = self.roster(seed, claims, next_ids)
        editor, staff = self.accounts(reviewers)
        # Appending continues the desk with new articles instead of repeating the first ones.
        rng = random.Random(f"{seed}:{existing}" if existing else seed)  # noqa: S311 - as above
        counts = claims_per_article(rng, claims)
        until = timezone.now().replace(minute=0, second=0, microsecond=0)
        times = sorted(until - timedelta(seconds=rng.uniform(0, DAYS * 86_400)) for _ in counts)
        desk = Desk(rng=rng, roster=roster, reviewers=staff, editor=editor, next_ids=next_ids, until=until)
        store.write({Source: roster.rows})
        totals = dict.fromkeys(TABLE_FIELDS, 0) | {"named": len(roster.rows), "anonymous": 0}
        self.progress(0, claims)
        for first in range(0, len(counts), chunk):
            for claims_in_article, created_at in zip(
                counts[first : first + chunk], times[first : first + chunk], strict=True
            ):
                desk.article(claims_in_article, created_at)
            rows = desk.take_rows()
            for model, table_rows in rows.items():
                totals[model] += len(table_rows)
            totals["anonymous"] += len(rows[Source])
            store.write(rows)
            self.progress(totals[Claim], claims)
        return totals

    def roster(self, seed: int, claims: int, next_ids: dict) -> Roster:
        """The named sources for a desk this size, those stored already (by an earlier run) found by name."""
        wanted = named_sources(seed, min(NAMED_SOURCES, max(200, claims // 250)))
        keys = [Source.key_for(name) for name, *_ in wanted]
        named = Source.objects.named().filter(normalised_name__in=keys)
        stored = {key: (pk, kind) for key, pk, kind in named.values_list("normalised_name", "pk", "kind")}
        aliases = set(
            SourceAlias.objects.filter(normalised_name__in=keys).values_list("normalised_name", flat=True)
        )
        roster = Roster()
        for key, (name, kind, description, topic, mention, again) in zip(keys, wanted, strict=True):
            if key in aliases:
                continue  # another source's other name: imports would never find a source under it
            if key in stored:
                source_id, kind = stored[key]
            else:
                source_id = next_ids[Source]
                next_ids[Source] += 1
                roster.rows.append((source_id, name, key, kind, description))
            speaker = Speaker(id=source_id, mention=mention, again=again, appositive=description, topic=topic)
            if kind == SourceKind.NEWS_OUTLET:
                roster.outlets.append(speaker)
            elif kind == SourceKind.NEWS_AGENCY:
                roster.agencies.append(speaker)
            else:
                roster.speakers.append(speaker)
                if topic >= 0:
                    roster.by_topic[topic].append(speaker)
        return roster

    def accounts(self, reviewers: int) -> tuple[int, list[tuple[int, str]]]:
        """The bench editor's id and the bench reviewers' (id, username), made if missing."""
        User = get_user_model()
        password = make_password(PASSWORD)  # hashed once: the bench accounts share it
        editor, _ = User.objects.get_or_create(
            username=EDITOR, defaults={"password": password, "is_staff": True}
        )
        editor.groups.add(Group.objects.get(name=EDITORS))
        group = Group.objects.get(name=REVIEWERS)
        staff = []
        for n in range(1, reviewers + 1):
            user, _ = User.objects.get_or_create(
                username=f"bench-reviewer-{n}", defaults={"password": password}
            )
            user.groups.add(group)
            staff.append((user.pk, user.get_username()))
        return editor.pk, staff

    def progress(self, done: int, total: int, what: str = "claims") -> None:
        """A one-line progress bar on stderr, redrawn in place."""
        width = 30
        filled = width * done // total
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} {what}"
        self.stderr.write(f"\r{line:<80}", ending="")  # padded, so a shorter line covers a longer one
        self.stderr.flush()
