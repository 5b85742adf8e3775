"""Names for the synthetic county, most common first.

Written for this generator, from general knowledge of names common in England (children born
since about 2005, adults born 1960–2005), including names common in British South Asian,
Somali, Polish and Romanian families. Order matters: the generator draws them with Zipf-like
weights by rank, so the first few become the common-name hotspots a real county has (many
Oliver Smiths, many Muhammad Khans).

`NICKNAMES` are the short forms and other spellings a referrer might use for a name. They are
kept separate from the matcher's own list (frontdoor/matching/name_variants.txt) on purpose:
the benchmark's noise must not be drawn from the answers the matcher already knows.
"""

from __future__ import annotations

BOYS = """
oliver muhammad george noah arthur harry leo jack charlie oscar jacob henry thomas freddie
alfie theo william theodore archie joshua alexander james isaac edward lucas tommy finley max
logan ethan mohammed teddy benjamin arlo joseph sebastian harrison elijah adam daniel samuel
louie mason reuben albie rory jaxon hugo luca zachary reggie hunter louis dylan albert david
jude frankie roman ezra toby riley carter ronnie frederick gabriel stanley bobby jesse michael
elliot grayson mohammad liam jenson ellis harvey kai aaron jayden caleb ollie luke felix
harley ryan ibrahim yusuf ali omar hamza ayaan musa zayn aryan rayyan ismail kacper jakub
szymon filip antoni andrei stefan ionut abdirahman abdullahi kieran callum connor aiden rhys
lewis nathan tyler kyle jordan bradley ben matthew
""".split()

GIRLS = """
olivia amelia isla ava ivy freya lily florence mia willow rosie sophia isabella grace daisy
sienna poppy elsie emily ella evelyn phoebe sofia evie charlotte harper millie matilda maya
sophie alice emilia isabelle ruby luna maisie aria penelope mila bonnie eva hallie eliza
ada violet esme arabella imogen jessica delilah thea layla lola rose margot hannah orla
aurora ellie erin scarlett nancy harriet elizabeth lucy robyn maeve ayla iris martha lottie
zara aisha fatima maryam khadija zainab amina hafsa inaaya anaya hania zuzanna julia maja
lena natalia ioana maria andreea hodan sagal chloe megan bethany leah jasmine courtney
shannon abigail caitlin rebecca katie lauren amy holly
""".split()

MEN = """
david paul mark andrew michael james richard john robert stephen daniel christopher matthew
peter simon ian gary lee darren craig jason wayne neil carl kevin martin anthony thomas
jonathan adam steven dean scott shaun ryan liam jamie ben stuart graham philip mohammed
muhammad imran mohammad asif tariq kamran abdul shahid zubair tomasz piotr marcin krzysztof
adrian ionut mihai gheorghe abdi mohamed ahmed
""".split()

WOMEN = """
sarah emma claire lisa laura nicola rebecca kelly louise rachel joanne helen amanda michelle
samantha victoria jennifer gemma hayley karen stacey donna natalie katie charlotte jessica
hannah amy lauren zoe kirsty leanne jade danielle sophie chloe stephanie carly nadia shazia
nasreen farzana ruksana tahmina agnieszka katarzyna anna magdalena elena mihaela ana fadumo
hibo amina fatima
""".split()

SURNAMES = """
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson
wright walker white edwards hughes green hall lewis harris clarke patel jackson wood turner
martin cooper hill ward morris moore clark lee king baker harrison morgan allen james scott
phillips watson davis parker price bennett young griffiths mitchell kelly cook carter
richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson
ellis adams singh begum wilkinson foster chapman powell webb rogers gray mason ali hunt
hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler russell barker
fisher stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson
howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks west
lawrence cole atkinson bradley spencer gill dawson ball burton obrien watts rose booth perry
ryan grant wells armstrong francis rees hayes hart hudson newman barrett webster hunter
gregory carr lowe page marsh riley dunn woods parsons berry stone reid holland hawkins harding
porter robertson newton oliver reed kennedy williamson bird gardner shah dean lane cooke
bates henderson parry burgess bishop walton burns nicholson shepherd ross cross long freeman
warren nicholls hamilton byrne sutton mcdonald yates hodgson robson curtis hopkins oconnor
harper coleman watkins moss mccarthy chambers odonnell griffin sharp hardy wheeler potter
osborne johnston gordon doyle wallace george jordan hutchinson rahman miah islam akhtar
hussein mahmood iqbal choudhury uddin mohammed nowak kowalski wisniewski wojcik kaminski
lewandowski popescu ionescu popa mohamud abdi farah warsame osman
""".split()

DOUBLE_BARRELLED_SHARE = 0.04  # of children whose parents give both surnames

STREETS = """
church station victoria park queens kings mill high school north south west manor
chapel green grange orchard meadow willow oak elm ash beech cedar rowan hawthorn holly
""".split()
STREET_KINDS = ["road", "street", "close", "avenue", "lane", "drive", "way", "gardens", "crescent"]

# Short forms and other spellings a referrer might use (a name may have several).
NICKNAMES: dict[str, list[str]] = {
    "oliver": ["ollie", "olly"],
    "muhammad": ["mohammed", "mohammad", "mohamed"],
    "mohammed": ["muhammad", "mohammad", "mohamed"],
    "mohammad": ["mohammed", "muhammad"],
    "mohamed": ["mohammed", "mohamud"],
    "george": ["georgie"],
    "harry": ["haz"],
    "jack": ["jackie"],
    "charlie": ["charles"],
    "jacob": ["jake", "jakob"],
    "henry": ["harry", "hal"],
    "thomas": ["tom", "tommy"],
    "freddie": ["fred", "freddy", "frederick"],
    "alfie": ["alf", "alfred"],
    "theo": ["theodore"],
    "theodore": ["theo", "teddy"],
    "william": ["will", "billy", "liam"],
    "archie": ["archibald"],
    "joshua": ["josh"],
    "alexander": ["alex", "xander"],
    "james": ["jim", "jamie"],
    "isaac": ["issac", "izaak"],
    "edward": ["ed", "eddie", "ted"],
    "zachary": ["zach", "zac", "zak"],
    "samuel": ["sam", "sammy"],
    "daniel": ["dan", "danny"],
    "benjamin": ["ben", "benji"],
    "joseph": ["joe", "joey"],
    "matthew": ["matt", "matty"],
    "michael": ["mike", "mikey"],
    "frederick": ["fred", "freddie"],
    "nathan": ["nate"],
    "yusuf": ["yousef", "youssef", "yousuf"],
    "ibrahim": ["ebrahim"],
    "omar": ["umar"],
    "zayn": ["zain", "zane"],
    "ayaan": ["ayan"],
    "hamza": ["hamzah"],
    "jakub": ["jacob", "kuba"],
    "kacper": ["casper", "kasper"],
    "kieran": ["ciaran"],
    "callum": ["calum"],
    "connor": ["conor"],
    "aiden": ["aidan", "ayden"],
    "rhys": ["reece"],
    "lewis": ["louis"],
    "olivia": ["liv", "livvy"],
    "amelia": ["millie", "amy"],
    "isabella": ["bella", "izzy", "isabel"],
    "isabelle": ["izzy", "isobel"],
    "elizabeth": ["beth", "libby", "lizzie", "liz"],
    "sophia": ["sophie", "sofia"],
    "sofia": ["sophia", "sophie"],
    "florence": ["flo", "florrie"],
    "evelyn": ["evie"],
    "charlotte": ["lottie", "charlie"],
    "matilda": ["tilly", "tilda"],
    "abigail": ["abbie", "abby"],
    "rebecca": ["becky", "becca"],
    "jessica": ["jess", "jessie"],
    "margot": ["margo"],
    "katie": ["katy", "kate"],
    "hannah": ["hanna"],
    "lily": ["lilly", "lillie"],
    "chloe": ["khloe"],
    "leah": ["lea"],
    "jasmine": ["jasmin", "yasmin"],
    "aisha": ["ayesha", "aysha"],
    "fatima": ["fatimah"],
    "maryam": ["mariam"],
    "khadija": ["khadijah"],
    "zainab": ["zaynab"],
    "amina": ["aminah"],
    "zuzanna": ["zuzia", "susanna"],
    "natalia": ["natalie", "natasha"],
    "maja": ["maya", "mia"],
    "maya": ["maia", "mya"],
    "julia": ["julie"],
    "ioana": ["joanna"],
    "andreea": ["andrea"],
    "caitlin": ["katelyn", "kaitlyn"],
    "courtney": ["cortney"],
    "megan": ["meg"],
    "bethany": ["beth"],
    "victoria": ["vicky", "tori"],
    "samantha": ["sam", "sammie"],
    "jennifer": ["jen", "jenny"],
    "stephanie": ["steph"],
    "danielle": ["dani"],
    "nicola": ["nicky", "nikki"],
    "stephen": ["steve", "steven"],
    "steven": ["steve", "stephen"],
    "christopher": ["chris"],
    "andrew": ["andy", "drew"],
    "anthony": ["tony"],
    "robert": ["rob", "bob"],
    "richard": ["rich", "rick"],
    "jonathan": ["jon", "jonny"],
    "john": ["jon", "johnny"],
    "david": ["dave", "davey"],
    "peter": ["pete"],
    "philip": ["phil", "phillip"],
    "tomasz": ["tom", "thomas"],
    "piotr": ["peter"],
    "krzysztof": ["chris"],
    "gheorghe": ["george"],
}

# Surnames that referrers commonly spell another way.
SURNAME_SPELLINGS: dict[str, list[str]] = {
    "smith": ["smyth", "smithe"],
    "thompson": ["thomson", "tompson"],
    "clarke": ["clark"],
    "clark": ["clarke"],
    "hussain": ["hussein", "husain"],
    "hussein": ["hussain"],
    "mohammed": ["muhammad", "mohamed"],
    "ali": ["aly"],
    "begum": ["begam"],
    "choudhury": ["chowdhury", "choudhary"],
    "rahman": ["rehman"],
    "mahmood": ["mahmud", "mehmood"],
    "iqbal": ["ikbal"],
    "obrien": ["o'brian"],
    "oconnor": ["o'conner"],
    "mcdonald": ["macdonald"],
    "philips": ["phillips"],
    "phillips": ["philips"],
    "matthews": ["mathews"],
    "griffiths": ["griffith"],
    "davies": ["davis"],
    "davis": ["davies"],
    "reid": ["reed", "read"],
    "gray": ["grey"],
    "stevens": ["stephens"],
    "wisniewski": ["wisnewski"],
    "kowalski": ["kovalski"],
    "mohamud": ["mohamoud"],
    "farah": ["farrah"],
}
