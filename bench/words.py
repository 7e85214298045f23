"""Word lists for synthetic companies: names with readings, trades with their own vocabulary, sentence patterns.

Each trade (archetype) ties a name suffix to the industries, technologies, materials, products and machines that
such a company really has, so that search, facets and the printed page see the spread of a real directory.
"""
from __future__ import annotations

from dataclasses import dataclass

# (kanji, katakana reading, romaji) — family names and place-like prefixes used in company names.
SURNAMES = [
    ("山田", "ヤマダ", "yamada"), ("鈴木", "スズキ", "suzuki"), ("佐藤", "サトウ", "sato"), ("高橋", "タカハシ", "takahashi"),
    ("田中", "タナカ", "tanaka"), ("渡辺", "ワタナベ", "watanabe"), ("伊藤", "イトウ", "ito"), ("中村", "ナカムラ", "nakamura"),
    ("小林", "コバヤシ", "kobayashi"), ("加藤", "カトウ", "kato"), ("吉田", "ヨシダ", "yoshida"), ("山本", "ヤマモト", "yamamoto"),
    ("松本", "マツモト", "matsumoto"), ("井上", "イノウエ", "inoue"), ("木村", "キムラ", "kimura"), ("清水", "シミズ", "shimizu"),
    ("山口", "ヤマグチ", "yamaguchi"), ("森", "モリ", "mori"), ("池田", "イケダ", "ikeda"), ("橋本", "ハシモト", "hashimoto"),
    ("石川", "イシカワ", "ishikawa"), ("前田", "マエダ", "maeda"), ("藤田", "フジタ", "fujita"), ("小川", "オガワ", "ogawa"),
    ("岡田", "オカダ", "okada"), ("長谷川", "ハセガワ", "hasegawa"), ("村上", "ムラカミ", "murakami"), ("近藤", "コンドウ", "kondo"),
    ("杉山", "スギヤマ", "sugiyama"), ("望月", "モチヅキ", "mochizuki"), ("大石", "オオイシ", "oishi"), ("増田", "マスダ", "masuda"),
    ("袴田", "ハカマタ", "hakamata"), ("高村", "タカムラ", "takamura"), ("芹沢", "セリザワ", "serizawa"), ("勝又", "カツマタ", "katsumata"),
]
PREFIXES = [
    ("紅葉川", "モミジガワ", "momijigawa"), ("東海", "トウカイ", "tokai"), ("駿河", "スルガ", "suruga"), ("遠州", "エンシュウ", "enshu"),
    ("富士", "フジ", "fuji"), ("旭", "アサヒ", "asahi"), ("昭和", "ショウワ", "showa"), ("大和", "ヤマト", "yamato"),
    ("日進", "ニッシン", "nisshin"), ("協和", "キョウワ", "kyowa"), ("共栄", "キョウエイ", "kyoei"), ("丸八", "マルハチ", "maruhachi"),
    ("テクノ", "テクノ", "techno"), ("エース", "エース", "ace"), ("サンライズ", "サンライズ", "sunrise"), ("ミナト", "ミナト", "minato"),
]
FORMS = [("株式会社", "Co., Ltd.", 0.7), ("有限会社", "Ltd.", 0.2), ("合同会社", "LLC", 0.1)]
GIVEN_NAMES = [
    ("太郎", "Taro"), ("健一", "Kenichi"), ("誠", "Makoto"), ("浩二", "Koji"), ("直樹", "Naoki"), ("美和子", "Miwako"),
    ("裕子", "Yuko"), ("大輔", "Daisuke"), ("隆", "Takashi"), ("恵美", "Emi"), ("翔太", "Shota"), ("和彦", "Kazuhiko"),
]
TITLES = [("代表取締役", "President"), ("代表取締役社長", "President and CEO"), ("取締役社長", "President"),
          ("代表社員", "Managing Partner")]

# area key -> (street in Japanese, romanised street, postal code prefix)
STREETS = {
    "chuo": ("中央{a}丁目{b}-{c}", "{b}-{c} Chuo {a}-chome", "437-00"),
    "kita": ("北部工業団地{b}-{c}", "{b}-{c} Hokubu Kogyo Danchi", "437-01"),
    "minato": ("新港{b}-{c}", "{b}-{c} Shinko", "437-02"),
    "higashi": ("東町{a}丁目{b}-{c}", "{b}-{c} Higashimachi {a}-chome", "437-03"),
    "nishi": ("西部{b}番地{c}", "{b}-{c} Seibu", "437-04"),
    "minami": ("南原{b}-{c}", "{b}-{c} Minamihara", "437-05"),
    "momijidai": ("紅葉台テクノパーク{b}-{c}", "{b}-{c} Momijidai Techno Park", "437-06"),
}
AREA_WEIGHTS = {"kita": 5, "momijidai": 3, "minato": 3, "chuo": 2, "higashi": 2, "nishi": 2, "minami": 2}

MAKERS = ["オークマ", "ヤマザキマザック", "DMG森精機", "牧野フライス製作所", "ファナック", "アマダ", "三菱電機", "ソディック",
          "ミツトヨ", "キーエンス", "ジェイテクト", "岡本工作機械製作所", "コマツ産機", "日精樹脂工業", "芝浦機械",
          "ダイヘン", "パナソニック", "ヤマハ発動機", "FUJI", "住友重機械工業", "トルンプ", "東京精密", "島津製作所"]


@dataclass(frozen=True)
class Trade:
    """One kind of company: its name suffixes and the words its profile uses."""

    suffixes: list[tuple[str, str, str]]          # (kanji, kana, romaji)
    industries: list[str]                          # first is the main one
    technologies: list[str]                        # core first, extras after
    materials: list[tuple[str, str]]
    products: list[tuple[str, str, str, str]]      # name ja, name en, description ja, description en
    machines: list[tuple[str, str, str]]           # name ja, name en, spec
    customers: list[tuple[str, str]]
    weight: int = 1


METALS = [("アルミニウム合金", "Aluminium alloys"), ("ステンレス", "Stainless steel"), ("炭素鋼", "Carbon steel"),
          ("チタン合金", "Titanium alloys"), ("銅合金", "Copper alloys"), ("工具鋼", "Tool steel"), ("真鍮", "Brass"),
          ("インコネル", "Inconel"), ("鋳鉄", "Cast iron")]
RESINS = [("ポリプロピレン", "Polypropylene"), ("ABS樹脂", "ABS"), ("ポリカーボネート", "Polycarbonate"),
          ("PEEK", "PEEK"), ("POM", "POM"), ("ナイロン", "Nylon"), ("PPS", "PPS")]
AUTO = [("自動車部品メーカー", "Automotive suppliers"), ("二輪車メーカー", "Motorcycle makers"),
        ("建設機械メーカー", "Construction machinery makers")]
MACHINE = [("工作機械メーカー", "Machine tool makers"), ("産業機械メーカー", "Industrial machinery makers"),
           ("半導体製造装置メーカー", "Semiconductor equipment makers"), ("ロボットメーカー", "Robot makers")]
ELEC = [("家電メーカー", "Home appliance makers"), ("医療機器メーカー", "Medical device makers"),
        ("通信機器メーカー", "Telecom equipment makers")]

TRADES = [
    Trade([("精機", "セイキ", "seiki"), ("精密", "セイミツ", "seimitsu"), ("機械製作所", "キカイセイサクショ", "kikai")],
          ["production-machinery", "transport-equipment", "general-machinery"],
          ["cutting", "grinding", "edm", "inspection", "assembly", "design"], METALS,
          [("航空機エンジン部品", "Aircraft engine parts", "難削材のケーシングやブラケットの5軸加工", "5-axis machining of casings and brackets in hard-to-cut alloys"),
           ("油圧機器部品", "Hydraulic parts", "バルブボディ・マニホールドの精密加工", "Precision valve bodies and manifolds"),
           ("半導体製造装置部品", "Semiconductor equipment parts", "真空チャンバー部品と精密ブロック", "Vacuum chamber parts and precision blocks"),
           ("治具・検査具", "Jigs and gauges", "自社設計による専用治具の製作", "Dedicated jigs designed and built in-house"),
           ("精密シャフト", "Precision shafts", "研削仕上げによる高精度シャフト", "Ground high-precision shafts"),
           ("試作部品", "Prototype parts", "図面1枚から1個の試作に対応", "One-off prototypes from a single drawing")],
          [("同時5軸マシニングセンタ", "5-axis machining center", "X500×Y450×Z400mm"),
           ("立形マシニングセンタ", "Vertical machining center", "X762×Y460×Z460mm"),
           ("横形マシニングセンタ", "Horizontal machining center", "パレット400×400mm"),
           ("CNC旋盤", "CNC lathe", "最大加工径410mm"), ("複合加工機", "Multi-tasking machine", "最大加工径658mm"),
           ("平面研削盤", "Surface grinder", "600×300mm"), ("ワイヤー放電加工機", "Wire EDM", "X400×Y300×Z200mm"),
           ("三次元測定機", "Coordinate measuring machine", "測定範囲905×1005×605mm")],
          MACHINE + AUTO, weight=5),
    Trade([("製作所", "セイサクショ", "seisakusho"), ("工業", "コウギョウ", "kogyo"), ("金属工業", "キンゾクコウギョウ", "kinzoku")],
          ["metal-products", "general-machinery", "transport-equipment"],
          ["sheet-metal", "laser", "welding", "press", "painting", "assembly"], METALS[:5],
          [("制御盤筐体", "Control panel enclosures", "精密板金による筐体と扉の製作", "Precision sheet metal cabinets and doors"),
           ("搬送装置フレーム", "Conveyor frames", "溶接構造物の製作と組立", "Welded frames, fabricated and assembled"),
           ("ブラケット類", "Brackets", "レーザー切断と曲げによる小物部品", "Small laser-cut and bent parts"),
           ("ステンレス架台", "Stainless stands", "食品工場向けの衛生的な架台", "Hygienic stands for food plants"),
           ("カバー・パネル", "Covers and panels", "装置用の外装部品", "Exterior parts for machines")],
          [("ファイバーレーザー加工機", "Fiber laser cutter", "加工範囲3070×1550mm"),
           ("ベンディングマシン", "Press brake", "加圧能力100t"), ("タレットパンチプレス", "Turret punch press", "加工範囲1270×2500mm"),
           ("TIG溶接機", "TIG welder", "300A"), ("半自動溶接機", "MIG welder", "350A"),
           ("スポット溶接機", "Spot welder", "35kVA"), ("塗装ブース", "Paint booth", "W3000×D2500mm")],
          MACHINE + [("食品機械メーカー", "Food machinery makers")], weight=5),
    Trade([("精工", "セイコウ", "seiko"), ("プレス工業", "プレスコウギョウ", "press"), ("金型", "カナガタ", "kanagata")],
          ["metal-products", "transport-equipment", "electrical-machinery"],
          ["press", "mold-making", "welding", "heat-treatment", "inspection"], METALS[:5],
          [("自動車用ブラケット", "Automotive brackets", "順送プレスによる量産", "Mass production on progressive presses"),
           ("バスバー", "Busbars", "銅合金の打ち抜きと曲げ", "Blanked and bent copper busbars"),
           ("深絞り容器", "Deep-drawn cases", "ステンレスの深絞り加工", "Deep-drawn stainless cases"),
           ("プレス金型", "Press dies", "順送金型の設計・製作", "Progressive dies, designed and built")],
          [("サーボプレス", "Servo press", "加圧能力200t"), ("順送プレス", "Progressive press", "加圧能力300t"),
           ("トランスファープレス", "Transfer press", "加圧能力400t"), ("ワイヤー放電加工機", "Wire EDM", "X400×Y300×Z200mm")],
          AUTO + ELEC, weight=3),
    Trade([("化成", "カセイ", "kasei"), ("樹脂工業", "ジュシコウギョウ", "jushi"), ("プラスチック", "プラスチック", "plastic")],
          ["plastics", "electrical-machinery", "business-machinery"],
          ["injection-molding", "mold-making", "extrusion", "printing", "assembly"], RESINS,
          [("医療機器用樹脂部品", "Plastic parts for medical devices", "クリーンルームでの成形と組立", "Moulded and assembled in a clean room"),
           ("家電用外装部品", "Appliance housings", "意匠面の高い外観品質", "Cosmetic parts with a flawless surface"),
           ("精密ギア", "Precision gears", "POMによる小型ギア", "Small gears in POM"),
           ("押出チューブ", "Extruded tubes", "異形押出とチューブ", "Profiles and tubes")],
          [("射出成形機", "Injection moulding machine", "型締力180t"), ("射出成形機", "Injection moulding machine", "型締力350t"),
           ("取出しロボット", "Take-out robot", "横走行型"), ("押出機", "Extruder", "スクリュー径50mm")],
          ELEC + AUTO, weight=3),
    Trade([("電子", "デンシ", "denshi"), ("電機", "デンキ", "denki"), ("技研", "ギケン", "giken")],
          ["electronic-parts", "electrical-machinery", "ict-equipment"],
          ["smt", "wire-harness", "assembly", "design", "embedded-software", "inspection"],
          [("ガラスエポキシ基板", "FR-4 boards"), ("フレキシブル基板", "Flexible boards"), ("銅線", "Copper wire")],
          [("制御基板", "Control boards", "試作から量産までの基板実装", "Board assembly from prototype to volume"),
           ("ワイヤーハーネス", "Wire harnesses", "装置用ハーネスの加工", "Harnesses for machines"),
           ("IoTセンサー端末", "IoT sensor units", "組込みソフトを含む受託開発", "Contract development incl. firmware"),
           ("電源ユニット", "Power supply units", "産業機器向け電源の組立", "Power supplies for industrial equipment")],
          [("高速マウンター", "High-speed mounter", "チップ0402対応"), ("リフロー炉", "Reflow oven", "窒素10ゾーン"),
           ("AOI外観検査装置", "Automated optical inspection", "3D検査"), ("圧着機", "Crimping machine", "全自動")],
          ELEC + MACHINE, weight=3),
    Trade([("鋳造", "チュウゾウ", "chuzo"), ("鋳工所", "チュウコウショ", "chuko"), ("鍛造", "タンゾウ", "tanzo")],
          ["iron-steel", "non-ferrous", "general-machinery"],
          ["casting", "forging", "cutting", "heat-treatment", "inspection"], [METALS[8], METALS[0], METALS[2], METALS[4]],
          [("ポンプケーシング", "Pump casings", "鋳鉄の砂型鋳造", "Sand-cast iron casings"),
           ("アルミダイカスト部品", "Aluminium die castings", "二輪車用部品", "Motorcycle parts"),
           ("熱間鍛造品", "Hot forgings", "自動車用の鍛造部品", "Automotive forgings")],
          [("高周波誘導炉", "Induction furnace", "溶解量2t"), ("造型機", "Moulding machine", "枠サイズ900×700mm"),
           ("鍛造プレス", "Forging press", "1600t"), ("ショットブラスト", "Shot blaster", "ハンガー式")],
          AUTO + MACHINE, weight=2),
    Trade([("メッキ", "メッキ", "mekki"), ("表面処理", "ヒョウメンショリ", "hyomen"), ("塗装", "トソウ", "toso"), ("熱処理", "ネツショリ", "netsushori")],
          ["metal-products", "chemicals"],
          ["plating", "anodizing", "painting", "thin-film", "heat-treatment"], METALS[:6],
          [("無電解ニッケルめっき", "Electroless nickel plating", "精密部品への均一な皮膜", "Even coatings on precision parts"),
           ("硬質アルマイト", "Hard anodizing", "アルミ部品の耐摩耗処理", "Wear-resistant treatment of aluminium parts"),
           ("粉体塗装", "Powder coating", "装置カバーの塗装", "Coating of machine covers"),
           ("真空浸炭", "Vacuum carburizing", "歯車の熱処理", "Heat treatment of gears")],
          [("自動めっきライン", "Automatic plating line", "槽サイズ1500×800×1000mm"), ("アルマイトライン", "Anodizing line", "槽10基"),
           ("真空熱処理炉", "Vacuum furnace", "有効寸法600×900mm"), ("蛍光X線膜厚計", "X-ray thickness gauge", "")],
          AUTO + ELEC, weight=2),
    Trade([("ゴム工業", "ゴムコウギョウ", "gomu"), ("化学", "カガク", "kagaku"), ("窯業", "ヨウギョウ", "yogyo")],
          ["rubber", "chemicals", "ceramics"],
          ["rubber-molding", "compounding", "firing", "extrusion", "inspection"],
          [("EPDM", "EPDM"), ("シリコーンゴム", "Silicone rubber"), ("フッ素ゴム", "Fluororubber"), ("アルミナ", "Alumina")],
          [("防振ゴム", "Anti-vibration rubber", "自動車・産業機械向け", "For cars and machines"),
           ("Oリング・パッキン", "O-rings and seals", "特殊材質の小ロット品", "Small lots in special compounds"),
           ("ファインセラミックス部品", "Fine ceramic parts", "耐熱・絶縁部品", "Heat-resistant insulating parts")],
          [("真空プレス成形機", "Vacuum press", "200t"), ("ニーダー", "Kneader", "75L"), ("トンネル炉", "Tunnel kiln", "最高1600℃")],
          AUTO + ELEC, weight=2),
    Trade([("食品", "ショクヒン", "shokuhin"), ("製茶", "セイチャ", "seicha"), ("水産", "スイサン", "suisan")],
          ["food", "beverages"],
          ["compounding", "printing", "inspection"],
          [("茶葉", "Tea leaves"), ("かつお節", "Dried bonito"), ("米粉", "Rice flour")],
          [("深蒸し煎茶", "Deep-steamed sencha", "市内の茶園で摘んだ一番茶", "First flush from tea gardens in the city"),
           ("業務用だし", "Dashi for restaurants", "かつお節と昆布の合わせだし", "Bonito and kelp stock"),
           ("OEM菓子", "Private-label sweets", "小ロットからの受託製造", "Contract production from small lots")],
          [("製茶機械", "Tea processing line", "処理能力120kg/h"), ("充填包装機", "Filling and packing machine", "60袋/分"),
           ("金属検出機", "Metal detector", "Fe0.8mm")],
          [("スーパーマーケット", "Supermarkets"), ("飲食チェーン", "Restaurant chains"), ("商社", "Trading companies")], weight=2),
    Trade([("印刷", "インサツ", "insatsu"), ("木工", "モッコウ", "mokko"), ("紙器", "シキ", "shiki")],
          ["printing", "furniture", "pulp-paper", "lumber"],
          ["printing", "laser", "painting", "assembly", "design"],
          [("紙", "Paper"), ("段ボール", "Corrugated board"), ("広葉樹材", "Hardwood"), ("合板", "Plywood")],
          [("パッケージ", "Packaging", "化粧箱の企画から印刷まで", "Gift boxes from concept to print"),
           ("店舗什器", "Shop fixtures", "木製の陳列台", "Wooden display stands"),
           ("カタログ", "Catalogues", "多言語カタログの制作", "Multilingual catalogues")],
          [("オフセット印刷機", "Offset press", "菊全判4色"), ("NCルーター", "CNC router", "1300×2500mm"),
           ("打抜き機", "Die cutter", "1050×750mm")],
          [("食品メーカー", "Food makers"), ("小売店", "Retailers"), ("自治体", "Local governments")], weight=1),
]

# Sentence pairs for PR texts; {t} a technology, {m} a material, {p} a product, {y} a year, {n} employees.
PR_SENTENCES = [
    ("当社は{y}年の創業以来、{t}を中心に技術を磨いてきました。", "Since our founding in {y} we have honed our skills in {t_en}."),
    ("従業員{n}名のうち約3割が20代・30代で、若手とベテランが一緒に新しい加工方法に取り組んでいます。",
     "About a third of our {n} employees are in their twenties and thirties, and young and veteran staff develop new methods together."),
    ("{m}の加工を得意とし、難しい形状でも安定した品質でお届けします。", "We specialise in {m_en} and deliver stable quality even for difficult shapes."),
    ("主力製品は{p}で、試作から量産まで一貫して対応します。", "Our main product is {p_en}, handled from prototype to volume production."),
    ("図面段階からのVA/VE提案により、お客様のコストダウンに貢献しています。",
     "VA/VE proposals at the drawing stage help our customers reduce cost."),
    ("恒温管理された工場と三次元測定機による全数検査で、品質記録の提出にも確実に対応します。",
     "A temperature-controlled plant and 100% inspection on a CMM let us supply quality records reliably."),
    ("市内の協力企業と連携し、{t}から表面処理・組立までの一括受注が可能です。",
     "With partner companies in the city we take complete orders, from {t_en} to finishing and assembly."),
    ("1個の試作品から月産数万個の量産まで、ロットの大小を問わずご相談ください。",
     "From a single prototype to tens of thousands of pieces a month, no lot is too small or too large."),
    ("{y}年には新工場を稼働させ、生産能力を約2倍に増強しました。", "In {y} we opened a new plant and roughly doubled our capacity."),
    ("短納期のご要望には、夜間の自動運転と柔軟な生産計画でお応えします。",
     "Unattended night shifts and flexible planning let us meet short lead times."),
    ("環境負荷の少ない工程づくりにも力を入れ、廃液のリサイクルや省エネ設備の導入を進めています。",
     "We work to reduce our environmental footprint, recycling waste liquids and installing energy-saving equipment."),
    ("英語での図面・仕様書のやり取りや海外企業との取引実績もあります。",
     "We are used to English drawings and specifications and to working with overseas customers."),
    ("地元の工業高校や大学と連携し、次世代の技術者の育成にも取り組んでいます。",
     "We train the next generation of engineers together with local technical schools and universities."),
    ("{t}の技能検定1級を持つ職人が、難しい仕事ほど力を発揮します。",
     "Craftsmen holding first-grade national skill certificates in {t_en} are at their best on difficult jobs."),
    ("お困りの形状や材料があれば、お気軽にお問い合わせください。", "Whenever a shape or material gives you trouble, please contact us."),
    ("生産管理システムでトレーサビリティを確保し、ロットごとの履歴をすぐにお出しできます。",
     "Our production management system keeps full traceability, so the history of any lot is available at once."),
    ("**{t}**と**{t2}**を組み合わせた工程設計が当社の強みです。", "Our strength is process design that combines **{t_en}** and **{t2_en}**."),
]
SUMMARIES = [
    ("{t}で{p}を製作", "{p_en} made by {t_en}"),
    ("{m}の{t}なら当社にお任せください", "Leave your {m_en} {t_en} to us"),
    ("試作から量産まで{t}で支える", "Supporting you with {t_en} from prototype to mass production"),
    ("{p}の専門メーカー", "Specialist maker of {p_en}"),
    ("創業{y}年、{t}一筋", "{t_en} since {y}"),
    ("{t}と{t2}の一貫生産", "Integrated {t_en} and {t2_en}"),
]
PHOTO_ALTS = [("工場内の{e}", "{e_en} in our plant"), ("{p}の製品例", "Examples of {p_en}"),
              ("本社工場の外観", "Our head office and plant"), ("検査室での測定作業", "Measuring in the inspection room")]
