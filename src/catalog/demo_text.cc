#include "catalog/demo_text.h"

#include <array>
#include <cassert>

namespace shrimp::catalog {
namespace {

constexpr size_t kLanguageCount = 3;
constexpr size_t kCategoryCount = 32;

// Prices are for the first measure, in US cents; see DemoCategory.
constexpr std::array<DemoCategory, kCategoryCount> kCategories = {{
    {"clothing", "size", "color", false, true, 1500, 9000, 0, "jewelry|bags|shoes"},
    {"shoes", "size", "color", false, true, 3000, 16000, 0, "bags|clothing"},
    {"bags", "capacity", "color", true, false, 2000, 14000, 30, "jewelry|clothing"},
    {"jewelry", "", "color", false, false, 1500, 12000, 0, "bags|clothing"},
    {"phones", "", "color", false, false, 800, 6000, 0, "audio|computers"},
    {"audio", "", "color", false, false, 2000, 25000, 0, "phones|computers"},
    {"computers", "", "color", false, false, 1500, 15000, 0, "phones|audio|smart-home"},
    {"smart-home", "pack", "", false, true, 1500, 12000, 80, "computers|audio"},
    {"tea", "weight", "packaging", true, true, 600, 4000, 80, "kitchen|snacks"},
    {"coffee", "weight", "grind", true, true, 900, 3000, 80, "kitchen|snacks"},
    {"snacks", "weight", "flavor", true, true, 300, 1800, 70, "tea|condiments"},
    {"condiments", "capacity", "", true, true, 400, 2000, 60, "snacks|kitchen"},
    {"kitchen", "capacity", "color", true, false, 1500, 9000, 30, "storage|tea|coffee"},
    {"bedding", "size", "color", false, true, 2000, 14000, 35, "decor|storage"},
    {"decor", "size", "color", true, false, 1000, 8000, 50, "bedding|kitchen|storage"},
    {"storage", "pieces", "color", true, true, 800, 4000, 60, "kitchen|decor"},
    {"skincare", "capacity", "", true, true, 800, 5000, 50, "makeup|haircare|fragrance"},
    {"makeup", "", "shade", false, false, 800, 5000, 0, "skincare|fragrance"},
    {"fragrance", "capacity", "", true, true, 1500, 8000, 60, "skincare|makeup"},
    {"haircare", "capacity", "", true, true, 600, 3000, 50, "skincare"},
    {"fiction", "format", "", false, true, 800, 2000, 80, "non-fiction|comics|childrens-books"},
    {"non-fiction", "format", "", false, true, 1200, 3500, 60, "fiction"},
    {"childrens-books", "format", "", false, true, 600, 1800, 70, "fiction|plush|puzzles"},
    {"comics", "volume", "", false, true, 700, 1800, 0, "fiction|board-games"},
    {"plush", "size", "color", true, true, 800, 3500, 60, "childrens-books|puzzles"},
    {"puzzles", "pieces", "", true, true, 1000, 3000, 40, "board-games|building-sets"},
    {"building-sets", "pieces", "", true, false, 1500, 15000, 0, "puzzles|board-games"},
    {"board-games", "", "language", false, false, 1500, 6000, 0, "puzzles|building-sets"},
    {"camping", "", "color", false, false, 1500, 25000, 0, "cycling|running|fitness"},
    {"cycling", "size", "color", false, true, 1500, 15000, 0, "camping|running"},
    {"fitness", "", "color", false, false, 1000, 12000, 0, "running|camping"},
    {"running", "size", "color", false, true, 1000, 12000, 0, "fitness|cycling"},
}};

// One row per category, in kCategories order; English, French, Chinese.
constexpr Vocabulary kVocabularies[kCategoryCount][kLanguageCount] = {
    {// clothing
     {"clothing", "{c} Clothing Co.|{x} Apparel|{x} Wardrobe|{x} Threads",
      "{a} {m} {n}|{m} {n}|{a} {n}",
      "relaxed-fit|oversized|slim-fit|classic|lightweight|cropped|everyday|vintage-wash|hand-dyed",
      "shirt|T-shirt|hoodie|sweater|cardigan|chinos|dress|blazer|overshirt|trench coat|pyjama set",
      "linen|cotton|merino wool|cashmere-blend|denim|corduroy|silk|flannel|organic cotton",
      "XS|S|M|L|XL|XXL", "black|white|navy|olive|sand|burgundy|grey|sky blue",
      "Cut for an easy fit; take your usual size.|Machine washable at 30 °C.|"
      "Pre-washed so it will not shrink.|Made in a small family workshop.|"
      "Soft on the skin from the first wear."},
     {"vêtements", "Le Vestiaire de {c}|Atelier {x}|Maison {x}|{x} Couture",
      "{n} {a} {m}|{n} {m}|{n} {a}",
      "ample/ample|ajusté/ajustée|classique/classique|léger/légère|court/courte|brodé/brodée|"
      "délavé/délavée|oversize/oversize",
      "f:Chemise|T-shirt|Sweat à capuche|Pull|Gilet|f:Robe|f:Veste|Blazer|Trench|Pantalon chino|"
      "f:Marinière|Pyjama",
      "en lin|en coton bio|en laine mérinos|en cachemire|en denim|en velours côtelé|en soie|"
      "en flanelle",
      "XS|S|M|L|XL|XXL", "noir|blanc|bleu marine|kaki|sable|bordeaux|gris chiné|bleu ciel",
      "Coupe confortable, taille normalement.|Lavable en machine à 30 °C.|"
      "Confectionné dans un atelier familial du Nord.|Tissu prélavé qui ne rétrécit pas.|"
      "Finitions soignées, coutures renforcées."},
     {"服饰", "{x}衣橱|{x}服饰|{c}{x}服饰|{x}制衣坊", "{a}{m}{n}|{m}{n}|{a}{n}",
      "宽松|修身|复古|简约|法式|日系|百搭|新款|加厚|休闲",
      "衬衫|短袖T恤|连帽卫衣|针织开衫|毛衣|连衣裙|西装外套|阔腿裤|风衣|睡衣套装",
      "纯棉|亚麻|美利奴羊毛|真丝|灯芯绒|牛仔|羊绒|天丝", "XS|S|M|L|XL|XXL",
      "黑色|白色|藏青色|军绿色|米色|酒红色|灰色|天蓝色",
      "版型宽松舒适，建议按平时尺码选购。|可机洗，水温30度以下。|面料经预缩处理，不易变形。|"
      "小工厂精细做工，走线整齐。|亲肤柔软，四季可穿。"}},
    {// shoes
     {"shoe", "{c} Shoe Co.|{x} Footwear|{x} Shoemakers|{x} Sneakers",
      "{a} {m} {n}|{m} {n}|{a} {n}",
      "handmade|classic|lightweight|waterproof|low-top|high-top|cushioned|minimalist",
      "sneakers|loafers|Chelsea boots|ankle boots|derby shoes|trainers|sandals|ballet flats|"
      "hiking boots|slip-ons",
      "leather|suede|canvas|vegan leather|knit|nubuck|recycled",
      "EU 36|EU 37|EU 38|EU 39|EU 40|EU 41|EU 42|EU 43|EU 44|EU 45",
      "black|white|tan|brown|navy|grey",
      "True to size; choose your usual size.|Rubber sole with a good grip on wet streets.|"
      "Leather lining that breathes all day.|Resoleable Goodyear-welted construction.|"
      "Removable cushioned insole."},
     {"chaussures", "Le Cordonnier de {c}|{x} Chaussures|Atelier {x}|Souliers {x}",
      "{n} {a} {m}|{n} {m}|{n} {a}",
      "cousu main/cousue main/cousus main/cousues main|classique/classique|"
      "léger/légère/légers/légères|imperméable/imperméable|montant/montante|"
      "confortable/confortable|minimaliste/minimaliste",
      "F:Baskets|M:Mocassins|F:Bottines|M:Derbies|F:Sandales|F:Ballerines|"
      "F:Chaussures de randonnée|F:Espadrilles|M:Boots Chelsea",
      "en cuir|en daim|en toile|en cuir végan|en maille|en nubuck|en cuir grainé",
      "36|37|38|39|40|41|42|43|44|45", "noir|blanc|camel|marron|bleu marine|gris",
      "Chaussant normal, prenez votre pointure habituelle.|"
      "Semelle en caoutchouc naturel, bonne adhérence sous la pluie.|"
      "Doublure en cuir respirant.|Montage Goodyear, ressemelable.|"
      "Semelle intérieure amovible et amortissante."},
     {"鞋履", "{x}鞋履|{x}鞋铺|{c}{x}鞋业|{x}鞋坊", "{a}{m}{n}|{m}{n}|{a}{n}",
      "手工|经典|轻便|防水|低帮|高帮|软底|百搭",
      "运动鞋|乐福鞋|切尔西靴|短靴|德比鞋|帆布鞋|凉鞋|芭蕾平底鞋|登山鞋|一脚蹬",
      "真皮|麂皮|帆布|超纤皮|飞织|牛皮", "35码|36码|37码|38码|39码|40码|41码|42码|43码|44码",
      "黑色|白色|驼色|棕色|藏青色|灰色",
      "尺码标准，按平时尺码购买即可。|橡胶大底，雨天防滑。|内里透气，久穿不闷脚。|"
      "鞋底可更换，经久耐穿。|鞋垫可拆卸，柔软缓震。"}},
    {// bags
     {"bag", "{x} Bags|{c} Leather Goods|{x} Carry Co.|{x} Satchel Studio",
      "{a} {m} {n}|{m} {n}|{a} {n}",
      "everyday|waterproof|minimalist|roll-top|vintage|foldable|convertible|handcrafted",
      "backpack|tote bag|crossbody bag|messenger bag|duffel bag|belt bag|weekender|bucket bag",
      "leather|waxed canvas|recycled nylon|cotton canvas|vegan leather|cork|suede",
      "8 L|12 L|20 L|25 L|35 L", "black|cognac|olive|navy|sand|burgundy",
      "Padded sleeve fits a 14-inch laptop.|YKK zips and solid brass hardware.|"
      "Water-resistant coating for rainy commutes.|Hand-stitched edges that age beautifully.|"
      "Adjustable strap, worn on the shoulder or across the body."},
     {"maroquinerie", "Maroquinerie {x}|La Besace de {c}|Sacs {x}|Atelier {x}",
      "{n} {a} {m}|{n} {m}|{n} {a}",
      "pliable/pliable|imperméable/imperméable|minimaliste/minimaliste|"
      "cousu main/cousue main|urbain/urbaine|rétro/rétro/rétro/rétro",
      "Sac à dos|Cabas|Sac bandoulière|f:Besace|Sac de voyage|f:Banane|Sac seau|Tote bag",
      "en cuir|en toile cirée|en nylon recyclé|en toile de coton|en cuir végan|en liège|en daim",
      "8 L|12 L|20 L|25 L|35 L", "noir|cognac|kaki|bleu marine|sable|bordeaux",
      "Compartiment rembourré pour ordinateur 14 pouces.|Fermetures YKK et boucles en laiton.|"
      "Traitement déperlant pour les jours de pluie.|Bords cousus main qui se patinent.|"
      "Bandoulière réglable, à l'épaule ou en travers."},
     {"箱包", "{x}箱包|{x}皮具|{c}{x}包袋|{x}包铺", "{a}{m}{n}|{m}{n}|{a}{n}",
      "通勤|防水|极简|复古|可折叠|大容量|手工|轻便",
      "双肩包|托特包|斜挎包|邮差包|旅行袋|腰包|水桶包",
      "头层牛皮|油蜡帆布|再生尼龙|帆布|植鞣皮|软木", "8L|12L|20L|25L|35L",
      "黑色|焦糖色|军绿色|藏青色|卡其色|酒红色",
      "内置电脑隔层，可放14寸笔记本。|YKK拉链，黄铜五金。|防泼水面料，雨天通勤无忧。|"
      "手工缝线，越用越有味道。|肩带可调节，单肩斜挎两用。"}},
    {// jewelry
     {"jewellery and scarf", "{x} Jewellery|{x} Silver|{c} Scarf Co.|{x} Adornments",
      "{a} {m} {n}|{m} {n}",
      "dainty|hammered|minimalist|vintage-style|hand-engraved|layered|delicate",
      "pendant necklace|hoop earrings|stacking ring|bangle|charm bracelet|stud earrings|scarf|"
      "anklet|signet ring",
      "sterling silver|freshwater pearl|gold-plated|jade|amber|enamel|silk|cashmere", "",
      "silver|gold|rose gold|ivory|black|emerald",
      "Nickel-free and hypoallergenic.|Arrives in a gift box with a care card.|"
      "Each piece is polished by hand.|Adjustable chain from 40 to 45 cm.|"
      "Made in our own workshop."},
     {"bijoux et foulards", "Bijoux {x}|Maison {x}|L'Écrin de {c}|Atelier {x}",
      "{n} {a} {m}|{n} {m}",
      "délicat/délicate|martelé/martelée|minimaliste/minimaliste|gravé/gravée|fin/fine|"
      "ajustable/ajustable",
      "Collier pendentif|F:Créoles|f:Bague|Jonc|Bracelet à breloques|F:Puces d'oreilles|"
      "Carré|f:Écharpe|f:Chevalière|Foulard",
      "en argent 925|en perle d'eau douce|plaqué or|en jade|en ambre|en émail|en soie|"
      "en cachemire",
      "", "argent|or|or rose|ivoire|noir|émeraude",
      "Sans nickel, hypoallergénique.|Livré dans un écrin cadeau.|"
      "Chaque pièce est polie à la main.|Chaîne réglable de 40 à 45 cm.|"
      "Fabriqué dans notre atelier."},
     {"饰品", "{x}饰品|{x}银饰|{c}{x}首饰|{x}珠宝工坊", "{a}{m}{n}|{m}{n}",
      "简约|复古|小众|锤纹|手工|轻奢|百搭|精致",
      "锁骨链|耳环|叠戴戒指|手镯|手链|耳钉|丝巾|围巾|脚链|印章戒指",
      "925纯银|淡水珍珠|18K镀金|和田玉|琥珀|珐琅|桑蚕丝|羊绒", "",
      "银色|金色|玫瑰金|象牙白|黑色|翡翠绿",
      "不含镍，敏感肌可戴。|附赠礼盒与保养卡。|每件手工抛光。|链长40至45厘米可调。|"
      "自有工坊出品。"}},
    {// phones
     {"phone accessory", "{x} Mobile|{c} Phone Accessories|{x} Cases|{x} Charge",
      "{a} {n} {m}|{n} {m}|{a} {n}", "slim|magnetic|compact|rugged|clear|premium|travel",
      "phone case|USB-C cable|30 W wall charger|10000 mAh power bank|screen protector (2-pack)|"
      "car mount|wireless charger|phone lanyard",
      "for iPhone 15|for Galaxy S24|for Pixel 8|for Xiaomi 14|for iPhone 14", "",
      "black|white|blue|pink|green|clear",
      "Supports fast charging up to 30 W.|Tested for drops from 1.5 metres.|"
      "Compatible with MagSafe and Qi chargers.|Ships with a 12-month warranty.|"
      "Raised edges protect the camera and screen."},
     {"accessoires pour téléphone",
      "{x} Mobile|Accessoires {x}|Le Comptoir Mobile de {c}|{x} Connect",
      "{n} {a} {m}|{n} {m}|{n} {a}",
      "fin/fine|magnétique/magnétique|compact/compacte|renforcé/renforcée|"
      "transparent/transparente",
      "f:Coque|Câble USB-C|Chargeur secteur 30 W|f:Batterie externe 10000 mAh|Verre trempé|"
      "Support voiture|Chargeur sans fil|Cordon de téléphone",
      "pour iPhone 15|pour Galaxy S24|pour Pixel 8|pour Xiaomi 14|pour iPhone 14", "",
      "noir|blanc|bleu|rose|vert|transparent",
      "Charge rapide jusqu'à 30 W.|Testé contre les chutes de 1,5 mètre.|"
      "Compatible MagSafe et chargeurs Qi.|Garantie 12 mois.|"
      "Rebords surélevés pour protéger l'écran et l'appareil photo."},
     {"手机配件", "{x}数码|{x}手机配件|{c}{x}数码|{x}潮玩数码", "{m}{a}{n}|{a}{n}|{m}{n}",
      "超薄|磁吸|快充|防摔|透明|便携",
      "手机壳|Type-C数据线|30W充电头|10000毫安充电宝|钢化膜(2片装)|车载支架|无线充电器|手机挂绳",
      "适用iPhone 15|适用华为Mate 60|适用小米14|适用vivo X100|适用OPPO Find X7", "",
      "黑色|白色|蓝色|粉色|绿色|透明",
      "支持30W快充。|1.5米跌落测试。|兼容MagSafe磁吸充电。|质保12个月。|镜头与屏幕加高保护。"}},
    {// audio
     {"audio", "{x} Audio|{c} Sound Co.|{x} Hi-Fi|{x} Acoustics", "{a} {n} {m}|{a} {n}",
      "wireless|noise-cancelling|portable|waterproof|retro|studio|compact",
      "headphones|earbuds|Bluetooth speaker|turntable|desktop speakers|radio|sleep headphones|"
      "soundbar",
      "with 30-hour battery|with USB-C charging|with carry case|with built-in microphone|"
      "in walnut finish|with app control",
      "", "black|white|sage green|walnut|midnight blue|silver",
      "Bluetooth 5.3 with a stable 10-metre range.|Up to 30 hours of playback on one charge.|"
      "Tuned for warm, detailed sound.|Folds flat into the included case.|"
      "Two-year warranty from the maker."},
     {"audio", "{x} Audio|Son {x}|La Hi-Fi de {c}|{x} Acoustique", "{n} {a} {m}|{n} {a}",
      "sans fil/sans fil/sans fil/sans fil|"
      "à réduction de bruit/à réduction de bruit/à réduction de bruit/à réduction de bruit|"
      "portable/portable|étanche/étanche|rétro/rétro/rétro/rétro|compact/compacte",
      "Casque|M:Écouteurs|f:Enceinte Bluetooth|f:Platine vinyle|F:Enceintes de bureau|f:Radio|"
      "Casque de sommeil|f:Barre de son",
      "avec 30 h d'autonomie|avec recharge USB-C|avec étui|avec micro intégré|finition noyer", "",
      "noir|blanc|vert sauge|noyer|bleu nuit|argent",
      "Bluetooth 5.3, portée stable de 10 mètres.|Jusqu'à 30 heures d'écoute par charge.|"
      "Son chaleureux et détaillé.|Se plie à plat dans son étui.|"
      "Garantie constructeur de deux ans."},
     {"音响耳机", "{x}音响|{x}声学|{c}{x}音频|{x}耳机馆", "{a}{n} {m}|{m}{a}{n}|{a}{n}",
      "无线|主动降噪|便携|防水|复古|监听级|迷你|蓝牙",
      "头戴式耳机|真无线耳机|蓝牙音箱|黑胶唱机|桌面音箱|收音机|睡眠耳机|回音壁",
      "30小时续航|Type-C快充|胡桃木|带麦克风|HiFi音质|APP控制", "",
      "黑色|白色|鼠尾草绿|胡桃木色|午夜蓝|银色",
      "蓝牙5.3，10米稳定连接。|单次充电续航长达30小时。|声音温暖细腻。|可折叠收纳，附收纳盒。|"
      "官方质保两年。"}},
    {// computers
     {"computer accessory", "{x} Desk Co.|{c} Computer Supply|{x} Keys|{x} Workspace",
      "{a} {n} {m}|{a} {n}",
      "mechanical|wireless|ergonomic|low-profile|compact|silent|adjustable|aluminium",
      "keyboard|mouse|laptop stand|USB-C hub|monitor arm|desk mat|1080p webcam|"
      "1 TB external SSD|keycap set",
      "for Mac|for Windows|for MacBook|with USB-C|with Bluetooth 5.1", "",
      "black|white|space grey|beige|pink",
      "Plug and play on macOS, Windows and Linux.|Hot-swappable switches for easy tinkering.|"
      "Raises the screen to eye level for a better posture.|"
      "Six ports in one compact aluminium body.|Quiet clicks for shared offices."},
     {"informatique", "{x} Informatique|Le Bureau de {c}|{x} Clavier|{x} Tech",
      "{n} {a} {m}|{n} {a}",
      "mécanique/mécanique|sans fil/sans fil/sans fil/sans fil|ergonomique/ergonomique|"
      "compact/compacte|silencieux/silencieuse|réglable/réglable",
      "Clavier|f:Souris|Support d'ordinateur|Hub USB-C|Bras d'écran|Tapis de bureau|"
      "f:Webcam 1080p|SSD externe 1 To",
      "pour Mac|pour Windows|pour MacBook|USB-C|Bluetooth", "",
      "noir|blanc|gris sidéral|beige|rose",
      "Prêt à l'emploi sous macOS, Windows et Linux.|Switchs remplaçables à chaud.|"
      "Met l'écran à hauteur des yeux.|Six ports dans un boîtier en aluminium.|"
      "Clics silencieux pour l'open space."},
     {"电脑外设", "{x}数码|{x}电脑配件|{c}{x}外设|{x}桌搭", "{a}{n}|{m}{a}{n}",
      "机械|无线|人体工学|矮轴|静音|可调节|铝合金|三模",
      "键盘|鼠标|笔记本支架|Type-C扩展坞|显示器支架|桌垫|1080P摄像头|1TB移动固态硬盘|键帽套装",
      "办公|游戏|适配Mac|家用|学生", "", "黑色|白色|深空灰|米白色|粉色",
      "免驱即插即用，支持Mac与Windows。|支持热插拔轴体。|抬高屏幕，改善坐姿。|"
      "铝合金机身，六合一接口。|"
      "静音设计，办公室友好。"}},
    {// smart-home
     {"smart home", "{x} Smart Home|{c} Home Tech|{x} Connected|{x} Living", "{a} {n} {m}|{a} {n}",
      "smart|Wi-Fi|Zigbee|voice-controlled|energy-saving|motion-sensing|dimmable",
      "plug|LED bulb|light strip|door sensor|thermostat|indoor camera|video doorbell",
      "for Alexa and Google Home|with app control|with HomeKit|with energy monitor",
      "1 pack|2 pack|4 pack", "",
      "Works with Alexa, Google Home and Apple Home.|Set schedules and scenes in the free app.|"
      "No hub needed: it joins your Wi-Fi directly.|Two-minute setup with a QR code.|"
      "Tracks energy use so you can cut your bill."},
     {"maison connectée", "{x} Maison Connectée|Domotique {x}|{x} Smart|Domotique de {c}",
      "{n} {a} {m}|{n} {a}",
      "connecté/connectée|Wi-Fi/Wi-Fi|Zigbee/Zigbee|intelligent/intelligente|économe/économe",
      "f:Prise|f:Ampoule LED|Ruban LED|Détecteur d'ouverture|Thermostat|f:Caméra intérieure|"
      "f:Sonnette vidéo",
      "compatible Alexa et Google Home|avec application|compatible HomeKit|"
      "avec suivi de consommation",
      "lot de 1|lot de 2|lot de 4", "",
      "Fonctionne avec Alexa, Google Home et Apple Maison.|"
      "Programmations et scénarios dans l'application gratuite.|"
      "Sans passerelle : connexion directe au Wi-Fi.|Installation en deux minutes par QR code.|"
      "Suivi de la consommation pour alléger la facture."},
     {"智能家居", "{x}智能家居|{x}智家|{c}{x}智能|{x}全屋智能", "{a}{n}|{m}{a}{n}",
      "智能|WiFi|Zigbee|语音控制|节能|人体感应|可调光",
      "插座|LED灯泡|灯带|门窗传感器|温控器|室内摄像头|可视门铃",
      "支持米家|支持HomeKit|支持小度|APP远程控制", "1只装|2只装|4只装", "",
      "支持米家、小度与HomeKit。|APP设置定时与场景。|无需网关，直连WiFi。|扫码两分钟完成配网。|"
      "实时电量统计，省电看得见。"}},
    {// tea
     {"tea", "{c} Tea House|{x} Tea Company|{x} Tea Room|{x} Leaf & Co.",
      "{a} {m} {n}|{a} {n}|{m} {n}",
      "organic|hand-picked|first-flush|spring harvest|single-estate|aged|high-mountain",
      "Longjing green tea|Tieguanyin oolong|Darjeeling black tea|jasmine green tea|"
      "Fuding white tea|Yunnan pu-erh tea cake|Uji matcha|Japanese sencha|Assam breakfast tea|"
      "Wuyi Da Hong Pao",
      "loose-leaf|whole-leaf", "50 g|100 g|250 g|500 g", "loose|tin|refill bag|gift box",
      "Picked by hand and packed within a week of harvest.|"
      "Brew at 80 °C for two to three minutes.|"
      "A resealable pouch keeps the leaves fresh for months.|"
      "Sourced directly from a family garden.|Good for three or four infusions."},
     {"thé", "Le Comptoir du Thé de {c}|Maison {x}|Thés {x}|La Théière {x}",
      "{n} {a} {m}|{n} {a}|{n} {m}",
      "bio/bio/bio/bio|cueilli main/cueillie main|de printemps/de printemps|"
      "grand cru/grand cru|vieilli/vieillie|de montagne/de montagne",
      "Thé vert Longjing|Oolong Tieguanyin|Thé noir de Darjeeling|Thé vert au jasmin|"
      "Thé blanc du Fujian|Pu-erh du Yunnan en galette|Matcha d'Uji|Sencha du Japon|"
      "Da Hong Pao des monts Wuyi",
      "en vrac|feuilles entières", "50 g|100 g|250 g|500 g",
      "vrac|boîte métal|sachet recharge|coffret cadeau",
      "Cueilli à la main et conditionné dans la semaine.|"
      "Infuser à 80 °C pendant deux à trois minutes.|"
      "Sachet refermable qui garde les feuilles fraîches.|"
      "Acheté directement à un jardin familial.|Supporte trois ou quatre infusions."},
     {"茶叶", "{x}茶舍|{x}茶庄|{c}{x}茶行|{x}茶铺", "{a}{n}|{m}{a}{n}|{a}{n}{m}",
      "特级|明前|有机|手工|高山|头采|一级",
      "西湖龙井绿茶|安溪铁观音|祁门红茶|茉莉花茶|福鼎白茶|云南普洱茶饼|抹茶粉|武夷山大红袍|"
      "洞庭碧螺春|黄山毛峰",
      "新茶|春茶|浓香型|清香型|口粮茶", "50克|100克|250克|500克", "散装|罐装|补充装|礼盒装",
      "手工采摘，采后一周内封装。|建议80度水温冲泡2至3分钟。|自封袋包装，开封后也能保持新鲜。|"
      "茶园直供，一家三代种茶。|可冲泡三到四次。"}},
    {// coffee
     {"coffee", "{c} Coffee Roasters|{x} Coffee Co.|{x} Roastery|{x} Beans", "{a} {n} {m}|{n} {m}",
      "single-origin|freshly roasted|organic|washed|natural-process|dark-roast|light-roast|decaf",
      "Ethiopia Yirgacheffe|Colombia Huila|Yunnan Baoshan|Kenya AA|Brazil Santos|"
      "Guatemala Antigua|house espresso blend|Sumatra Mandheling",
      "coffee|coffee beans", "250 g|500 g|1 kg",
      "whole bean|espresso grind|filter grind|cafetière grind",
      "Roasted to order and shipped within two days.|Notes of stone fruit, cocoa and caramel.|"
      "A valve bag keeps the beans fresh for weeks.|Traceable to a single cooperative.|"
      "Best rested a few days after roasting."},
     {"café", "Torréfaction {x}|Café {x}|Le Torréfacteur de {c}|Brûlerie {x}", "{n} {a}|{n} {m}",
      "bio/bio/bio/bio|fraîchement torréfié/fraîchement torréfiée|lavé/lavée|nature/nature|"
      "décaféiné/décaféinée",
      "Café d'Éthiopie Yirgacheffe|Café de Colombie Huila|Café du Yunnan|Café du Kenya AA|"
      "Café du Brésil Santos|Café du Guatemala Antigua|Mélange espresso maison|Café de Sumatra",
      "de spécialité|grand cru", "250 g|500 g|1 kg",
      "en grains|mouture espresso|mouture filtre|mouture piston",
      "Torréfié à la commande, expédié sous deux jours.|"
      "Notes de fruits à noyau, de cacao et de caramel.|"
      "Sachet à valve qui préserve la fraîcheur.|Traçable jusqu'à une seule coopérative.|"
      "À laisser reposer quelques jours après torréfaction."},
     {"咖啡", "{x}咖啡|{x}烘焙工坊|{c}{x}咖啡馆|{x}咖啡豆铺", "{a}{n}{m}|{n}{a}{m}",
      "精品|新鲜烘焙|有机|水洗|日晒|深烘|浅烘|低因",
      "埃塞俄比亚耶加雪菲|哥伦比亚慧兰|云南保山|肯尼亚AA|巴西山多士|危地马拉安提瓜|意式拼配|"
      "苏门答腊曼特宁",
      "咖啡豆|咖啡粉", "250克|500克|1千克", "咖啡豆|意式粉|手冲粉|法压粉",
      "现烘现发，两天内发货。|核果、可可与焦糖风味。|单向排气阀袋，保持新鲜。|可追溯至单一合作社。|"
      "烘焙后养豆数日风味更佳。"}},
    {// snacks
     {"snack", "{x} Pantry|{c} Sweet Shop|{x} Snack Co.|{x} Confectionery", "{a} {n}",
      "handmade|crunchy|sugar-free|organic|spicy|salted|roasted|artisan",
      "almond biscuits|dark chocolate|dried mango|mixed nuts|rice crackers|nougat|macarons|"
      "beef jerky|salted caramels|mooncakes",
      "", "150 g|300 g|500 g|1 kg", "original|sea salt|honey|chili|matcha|cocoa",
      "Made in small batches without preservatives.|Packed in a resealable bag.|"
      "Best before six months from dispatch.|A family recipe from our grandmother.|"
      "Contains nuts."},
     {"gourmandises", "Épicerie {x}|La Confiserie de {c}|Douceurs {x}|Le Goûter {x}", "{n} {a}",
      "artisanal/artisanale/artisanaux/artisanales|croustillant/croustillante|"
      "sans sucre/sans sucre/sans sucre/sans sucre|bio/bio/bio/bio|"
      "fait maison/faite maison/faits maison/faites maison|grillé/grillée",
      "M:Sablés aux amandes|f:Tablette de chocolat noir|f:Mangue séchée|Mélange de noix|"
      "M:Crackers de riz|Nougat de Montélimar|M:Macarons|M:Caramels au beurre salé|"
      "f:Pâte de fruits|M:Calissons d'Aix",
      "", "150 g|300 g|500 g|1 kg", "nature|fleur de sel|miel|piment d'Espelette|pistache|cacao",
      "Fabriqué en petites séries, sans conservateur.|Sachet refermable.|"
      "À consommer de préférence dans les six mois.|"
      "Une recette de famille transmise par notre grand-mère.|Contient des fruits à coque."},
     {"零食", "{x}零食铺|{x}食品|{c}{x}特产|{x}糕点铺", "{m}{a}{n}|{a}{n}",
      "手工|酥脆|无糖|有机|香辣|原味|低脂|网红",
      "杏仁酥|黑巧克力|芒果干|每日坚果|米饼|牛轧糖|马卡龙|牛肉干|鲜花饼|麻花",
      "云南|四川|杭州|广式|台湾", "150克|300克|500克|1千克", "原味|海盐|蜂蜜|香辣|抹茶|可可",
      "小批量手工制作，无防腐剂。|独立小包装，方便携带。|保质期六个月。|祖传配方，老味道。|"
      "含坚果，过敏者慎食。"}},
    {// condiments
     {"spice and sauce", "{x} Spice Co.|{c} Spice Market|{x} Larder|{x} Sauce Works", "{a} {n}",
      "aged|small-batch|organic|cold-pressed|smoked|fermented|extra virgin|hot",
      "soy sauce|chili oil|black vinegar|olive oil|honey|mustard|hot sauce|sesame paste|"
      "balsamic vinegar",
      "", "100 ml|250 ml|500 ml|1 L", "",
      "Brewed slowly in clay jars.|No added colours or MSG.|Keep in a cool place once opened.|"
      "Made by a third-generation family producer.|A few drops lift a whole dish."},
     {"épices et condiments", "Épices {x}|L'Épicerie de {c}|Le Garde-Manger {x}|Comptoir {x}",
      "{n} {a}",
      "vieilli/vieillie|artisanal/artisanale|bio/bio|pressé à froid/pressée à froid|fumé/fumée|"
      "fermenté/fermentée|extra vierge/extra vierge|fort/forte",
      "f:Sauce soja|f:Huile pimentée|Vinaigre noir|f:Huile d'olive|Miel|f:Moutarde de Dijon|"
      "f:Sauce piquante|f:Purée de sésame|Vinaigre balsamique",
      "", "100 ml|250 ml|500 ml|1 L", "",
      "Lentement fermenté en jarres de terre.|Sans colorant ni glutamate.|"
      "À conserver au frais après ouverture.|Produit par une famille depuis trois générations.|"
      "Quelques gouttes relèvent tout un plat."},
     {"调味品", "{x}调味坊|{x}酱园|{c}{x}调料|{x}香料铺", "{a}{n}",
      "古法|小批量|有机|冷榨|烟熏|酿造|特级初榨|特辣",
      "酱油|红油辣子|香醋|橄榄油|蜂蜜|芥末酱|辣椒酱|芝麻酱|陈醋", "", "100ml|250ml|500ml|1L", "",
      "陶缸古法慢酿。|零添加色素与味精。|开封后请阴凉保存。|三代传承的家庭作坊。|"
      "几滴提味，百搭家常菜。"}},
    {// kitchen
     {"kitchenware", "{c} Kitchen Supply|{x} Cookware|{x} Kitchen|{x} Pot & Pan",
      "{a} {m} {n}|{m} {n}",
      "enamelled|hand-hammered|non-stick|heavy-duty|stackable|hand-thrown|induction-ready",
      "teapot|saucepan|kettle|casserole dish|mixing bowl|tea set|storage jar|French press",
      "cast iron|stainless steel|ceramic|porcelain|stoneware|copper|borosilicate glass",
      "0.5 L|0.8 L|1.2 L|1.5 L|2 L|3 L", "black|cream|sage|terracotta|slate blue|red",
      "Safe on gas, electric and induction hobs.|"
      "Dishwasher safe; hand washing keeps the glaze bright.|Holds heat evenly for slow cooking.|"
      "Each piece is glazed by hand, so colours vary slightly.|Comes with a five-year guarantee."},
     {"arts de la table", "{x} Cuisine|La Cuisine de {c}|Maison {x}|Le Comptoir {x}",
      "{n} {m}|{n} {a} {m}|{n} {m} {a}",
      "émaillé/émaillée|martelé/martelée|antiadhésif/antiadhésive|empilable/empilable|"
      "tourné main/tournée main|japonais/japonaise",
      "f:Théière|f:Casserole|f:Bouilloire|f:Cocotte|Saladier|Service à thé|Bocal|"
      "f:Cafetière à piston",
      "en fonte|en inox|en céramique|en porcelaine|en grès|en cuivre|en verre borosilicate",
      "0,5 L|0,8 L|1,2 L|1,5 L|2 L|3 L", "noir|crème|sauge|terracotta|bleu ardoise|rouge",
      "Compatible gaz, électrique et induction.|"
      "Passe au lave-vaisselle ; le lavage à la main préserve l'émail.|"
      "Diffuse la chaleur pour les cuissons lentes.|Émaillé à la main : chaque teinte est unique.|"
      "Garantie cinq ans."},
     {"厨具", "{x}厨房|{x}厨具|{c}{x}家居|{x}器物", "{a}{m}{n}|{m}{n}",
      "珐琅|手工锤纹|不粘|加厚|可叠放|日式|复古",
      "茶壶|奶锅|烧水壶|炖锅|沙拉碗|茶具套装|储物罐|法压壶|汤锅",
      "铸铁|304不锈钢|陶瓷|骨瓷|粗陶|紫铜|高硼硅玻璃", "0.5L|0.8L|1.2L|1.5L|2L|3L",
      "黑色|奶白色|鼠尾草绿|陶土色|石板蓝|红色",
      "燃气灶、电磁炉通用。|可入洗碗机。|受热均匀，适合慢炖。|手工上釉，每件颜色略有不同。|"
      "五年质保。"}},
    {// bedding
     {"bedding and linen", "{x} Linen Co.|{c} Bedding|{x} Sleep|{x} Home Textiles",
      "{a} {m} {n}|{m} {n}",
      "stonewashed|breathable|quilted|waffle-knit|lightweight|organic|hand-loomed",
      "duvet cover set|fitted sheet|pillowcase pair|throw blanket|bath towel set|quilt|"
      "tablecloth",
      "linen|percale cotton|sateen cotton|bamboo|silk|wool|muslin", "single|double|queen|king",
      "white|oat|sage|dusty pink|charcoal|terracotta",
      "Gets softer with every wash.|OEKO-TEX certified, free of harmful dyes.|"
      "Hidden buttons keep the duvet in place.|Breathable for warm nights, cosy in winter.|"
      "Woven in a mill that has run since 1920."},
     {"linge de maison", "Linge de Maison {x}|Le Lin de {c}|{x} Textile|Atelier {x}",
      "{n} {a} {m}|{n} {m}",
      "lavé/lavée|respirant/respirante|matelassé/matelassée|gaufré/gaufrée|"
      "léger/légère/légers/légères|tissé main/tissée main",
      "f:Housse de couette|Drap housse|F:Taies d'oreiller|Plaid|Couvre-lit|f:Nappe|"
      "Lot de serviettes",
      "en lin|en percale de coton|en satin de coton|en bambou|en soie|en laine|en gaze de coton",
      "90 x 190|140 x 190|160 x 200|180 x 200",
      "blanc|avoine|sauge|vieux rose|anthracite|terracotta",
      "S'adoucit à chaque lavage.|Certifié OEKO-TEX.|Fermeture à boutons cachés.|"
      "Respirant en été, douillet en hiver.|Tissé dans une filature du Nord depuis 1920."},
     {"家纺", "{x}家纺|{x}床品|{c}{x}布艺|{x}织物", "{a}{m}{n}|{m}{n}",
      "水洗|透气|绗缝|华夫格|轻薄|有机|手工", "被套四件套|床笠|枕套一对|盖毯|浴巾套装|夏凉被|桌布",
      "亚麻|长绒棉|贡缎|竹纤维|桑蚕丝|羊毛|纱布", "1.2米床|1.5米床|1.8米床|2米床",
      "白色|燕麦色|鼠尾草绿|脏粉色|炭灰色|陶土色",
      "越洗越柔软。|通过OEKO-TEX认证。|隐形拉链，被芯不跑位。|夏季透气，冬季温暖。|"
      "老纺织厂出品。"}},
    {// decor
     {"home decor", "{x} Interiors|{c} Home Decor|{x} & Home|{x} Objects", "{a} {m} {n}|{m} {n}",
      "hand-painted|minimalist|rustic|Nordic|vintage|hand-blown|glazed|woven",
      "vase|table lamp|wall mirror|scented candle|photo frame|plant pot|wall clock|"
      "cushion cover",
      "ceramic|rattan|brass|glass|oak|marble|linen|terracotta", "15 cm|20 cm|30 cm|40 cm|60 cm",
      "white|black|natural|amber|green|terracotta",
      "Made by hand, so no two are quite alike.|Wipe clean with a damp cloth.|"
      "Ships in recycled, plastic-free packaging.|Pairs well with plants and soft light.|"
      "Designed in our studio, made by local artisans."},
     {"décoration", "Maison {x}|La Déco de {c}|{x} Intérieur|Atelier {x}", "{n} {a} {m}|{n} {m}",
      "peint main/peinte main|minimaliste/minimaliste|rustique/rustique|"
      "scandinave/scandinave|vintage/vintage|soufflé bouche/soufflée bouche|émaillé/émaillée|"
      "tressé/tressée",
      "Vase|f:Lampe à poser|Miroir mural|f:Bougie parfumée|Cadre photo|Cache-pot|"
      "f:Horloge murale|f:Housse de coussin",
      "en céramique|en rotin|en laiton|en verre|en chêne|en marbre|en lin|en terre cuite",
      "15 cm|20 cm|30 cm|40 cm|60 cm", "blanc|noir|naturel|ambre|vert|terracotta",
      "Fait main : aucune pièce n'est identique.|S'entretient avec un chiffon humide.|"
      "Expédié dans un emballage recyclé, sans plastique.|"
      "Se marie avec les plantes et les lumières douces.|"
      "Dessiné dans notre atelier, fabriqué par des artisans."},
     {"家居软装", "{x}家居|{x}软装|{c}{x}生活馆|{x}杂货铺", "{a}{m}{n}|{m}{n}",
      "手绘|极简|复古|北欧风|ins风|手工吹制|中古风|编织",
      "花瓶|台灯|挂镜|香薰蜡烛|相框|花盆|挂钟|抱枕套|挂毯",
      "陶瓷|藤编|黄铜|玻璃|橡木|大理石|棉麻|陶土", "15cm|20cm|30cm|40cm|60cm",
      "白色|黑色|原木色|琥珀色|绿色|陶土色",
      "纯手工制作，每件略有不同。|湿布擦拭即可。|环保包装，无塑料。|搭配绿植更好看。|"
      "本地匠人手作。"}},
    {// storage
     {"storage", "{x} Storage Co.|{c} Home Organising|{x} Tidy|{x} Boxes", "{a} {m} {n}|{m} {n}",
      "stackable|collapsible|airtight|under-bed|wall-mounted|clear",
      "storage boxes|baskets|food containers|drawer organisers|floating shelves|wall hooks|"
      "jars|hangers",
      "bamboo|seagrass|cotton rope|recycled plastic|glass|oak|metal",
      "(set of 2)|(set of 3)|(set of 4)|(set of 6)", "white|natural|grey|black|sage",
      "Stacks neatly to make the most of small spaces.|Lids seal tightly to keep food fresh.|"
      "Folds flat when not in use.|Fixings included for brick and plasterboard walls.|"
      "Made from plastic collected from the sea."},
     {"rangement", "Rangement {x}|L'Ordre de {c}|{x} Rangement|Casa {x}", "{n} {a} {m}|{n} {m}",
      "empilable/empilable|pliable/pliable|hermétique/hermétique|suspendu/suspendue|"
      "transparent/transparente",
      "F:Boîtes de rangement|M:Paniers|F:Boîtes alimentaires|M:Organiseurs de tiroir|"
      "F:Étagères murales|M:Crochets muraux|M:Bocaux|M:Cintres",
      "en bambou|en jonc de mer|en corde de coton|en plastique recyclé|en verre|en chêne|en métal",
      "(lot de 2)|(lot de 3)|(lot de 4)|(lot de 6)", "blanc|naturel|gris|noir|sauge",
      "S'empilent pour gagner de la place.|Couvercles hermétiques pour garder les aliments frais.|"
      "Se plient à plat après usage.|Chevilles fournies pour murs en brique et plaque de plâtre.|"
      "Fabriqué à partir de plastique collecté en mer."},
     {"收纳", "{x}收纳|{x}生活|{c}{x}收纳馆|{x}整理铺", "{a}{m}{n}|{m}{n}",
      "可叠加|可折叠|密封|床底|壁挂式|透明",
      "收纳箱|收纳筐|保鲜盒|抽屉分隔盒|置物架|挂钩|储物罐|衣架",
      "竹制|海草编织|棉绳|环保塑料|玻璃|实木|铁艺", "2个装|3个装|4个装|6个装",
      "白色|原木色|灰色|黑色|绿色",
      "可叠放，节省空间。|密封盖，食材保鲜。|不用时可折叠收纳。|附赠安装配件。|"
      "海洋回收塑料制成。"}},
    {// skincare
     {"skincare", "{x} Skincare|{c} Apothecary|{x} Botanicals|{x} Skin Lab", "{a} {m} {n}|{m} {n}",
      "hydrating|soothing|brightening|gentle|fragrance-free|nourishing|overnight",
      "face serum|day cream|cleansing oil|sheet masks|toner|eye cream|night cream",
      "hyaluronic acid|vitamin C|niacinamide|green tea|rosehip|centella|ceramide|aloe vera",
      "15 ml|30 ml|50 ml|100 ml", "",
      "Suitable for sensitive skin.|Dermatologist tested, no parabens.|"
      "Absorbs quickly without a greasy finish.|Cruelty-free and vegan.|"
      "Use morning and evening on clean skin."},
     {"soins", "{x} Cosmétiques|L'Apothicaire de {c}|Maison {x}|{x} Beauté", "{n} {a} {m}|{n} {m}",
      "hydratant/hydratante|apaisant/apaisante|doux/douce/doux/douces|"
      "sans parfum/sans parfum/sans parfum/sans parfum|nourrissant/nourrissante",
      "Sérum visage|f:Crème de jour|f:Huile démaquillante|M:Masques en tissu|f:Lotion tonique|"
      "Contour des yeux|f:Crème de nuit",
      "à l'acide hyaluronique|à la vitamine C|au niacinamide|au thé vert|à la rose musquée|"
      "à la centella|aux céramides|à l'aloe vera",
      "15 ml|30 ml|50 ml|100 ml", "",
      "Convient aux peaux sensibles.|Testé sous contrôle dermatologique, sans parabènes.|"
      "Pénètre vite, fini non gras.|Vegan et non testé sur les animaux.|"
      "Matin et soir sur peau propre."},
     {"护肤", "{x}护肤|{x}美妆|{c}{x}美肤|{x}草本", "{m}{a}{n}|{a}{m}{n}",
      "补水|舒缓|亮白|温和|无香|滋养|修护|清爽", "精华液|面霜|卸妆油|面膜|爽肤水|眼霜|晚霜",
      "玻尿酸|维C|烟酰胺|绿茶|玫瑰果|积雪草|神经酰胺|芦荟", "15ml|30ml|50ml|100ml", "",
      "敏感肌适用。|皮肤科测试，无添加防腐剂。|吸收快，不油腻。|纯素配方，零动物测试。|"
      "早晚洁面后使用。"}},
    {// makeup
     {"makeup", "{x} Beauty|{c} Makeup Studio|{x} Cosmetics|{x} Colour", "{a} {n}",
      "long-wear|matte|satin|hydrating|buildable|waterproof|sheer",
      "lipstick|liquid foundation|cushion compact|mascara|eyeshadow palette|blush|eyeliner|"
      "brow pencil|lip tint",
      "", "", "01 nude|02 rose|03 coral|04 berry|05 brick|06 plum",
      "Long-wearing colour that does not dry the lips.|"
      "Blends easily with fingertips or a brush.|Smudge-proof for up to 12 hours.|"
      "Not tested on animals.|Refillable case to cut waste."},
     {"maquillage", "{x} Maquillage|Maison {x}|{x} Beauté|Le Studio de {c}", "{n} {a}",
      "longue tenue/longue tenue|mat/mate|satiné/satinée|hydratant/hydratante|"
      "modulable/modulable|waterproof/waterproof",
      "Rouge à lèvres|Fond de teint fluide|Fond de teint cushion|Mascara|f:Palette de fards|"
      "Blush|Eye-liner|Crayon à sourcils|f:Encre à lèvres",
      "", "", "01 nude|02 rose|03 corail|04 framboise|05 brique|06 prune",
      "Couleur longue tenue qui ne dessèche pas.|S'estompe facilement au doigt ou au pinceau.|"
      "Ne file pas pendant 12 heures.|Non testé sur les animaux.|"
      "Étui rechargeable pour moins de déchets."},
     {"彩妆", "{x}彩妆|{x}美妆|{c}{x}美妆|{x}妆品", "{a}{n}",
      "持久|哑光|丝绒|水润|不脱色|防水|轻薄|国风",
      "口红|粉底液|气垫BB霜|睫毛膏|眼影盘|腮红|眼线笔|眉笔|唇釉", "", "",
      "01裸色|02玫瑰|03珊瑚|04莓果|05砖红|06梅子",
      "持久显色，不拔干。|指腹或刷子都易推开。|12小时不晕妆。|零动物测试。|可替换芯，更环保。"}},
    {// fragrance
     {"fragrance", "{x} Perfumery|{c} Fragrance House|{x} Scents|{x} Parfums",
      "{m} {n}|{a} {m} {n}", "fresh|woody|floral|citrus|amber|musky|green|powdery",
      "eau de parfum|eau de toilette|perfume oil|room spray|reed diffuser|solid perfume",
      "fig|vetiver|osmanthus|neroli|sandalwood|white tea|rose|cedar", "10 ml|30 ml|50 ml|100 ml",
      "",
      "Top notes of bergamot settle into a warm base.|Blended in small batches in Grasse.|"
      "Lasts six to eight hours on the skin.|Glass bottle, refillable at the shop.|"
      "Comes with a sample of another scent."},
     {"parfums", "Parfumerie {x}|Maison {x}|{x} Parfums|Les Senteurs de {c}", "{n} {m}|{n} {a} {m}",
      "frais/fraîche|boisé/boisée|floral/florale|hespéridé/hespéridée|ambré/ambrée|"
      "musqué/musquée|poudré/poudrée",
      "f:Eau de parfum|f:Eau de toilette|f:Huile parfumée|Parfum d'intérieur|"
      "Diffuseur à bâtons|Parfum solide",
      "à la figue|au vétiver|à l'osmanthus|au néroli|au bois de santal|au thé blanc|à la rose|"
      "au cèdre",
      "10 ml|30 ml|50 ml|100 ml", "",
      "Notes de tête de bergamote sur un fond chaleureux.|Composé en petites séries à Grasse.|"
      "Tient six à huit heures sur la peau.|Flacon en verre, rechargeable en boutique.|"
      "Livré avec un échantillon d'un autre parfum."},
     {"香氛", "{x}香氛|{x}调香室|{c}{x}香水|{x}香铺", "{m}{n}|{a}{m}{n}",
      "清新|木质调|花香调|柑橘调|琥珀调|麝香|东方|淡雅",
      "香水|淡香水|香氛精油|室内喷雾|无火香薰|固体香膏",
      "无花果|岩兰草|桂花|橙花|檀香|白茶|玫瑰|雪松", "10ml|30ml|50ml|100ml", "",
      "前调佛手柑，后调温暖。|小批量调制。|留香六到八小时。|玻璃瓶，可回店补装。|"
      "附赠另一款小样。"}},
    {// haircare
     {"hair care", "{x} Hair Care|{c} Barber Supply|{x} Salon|{x} Hair Studio",
      "{a} {m} {n}|{m} {n}",
      "sulfate-free|volumising|repairing|anti-dandruff|curl-defining|moisturising|clarifying",
      "shampoo|conditioner|hair mask|hair oil|scalp serum|styling cream|dry shampoo",
      "argan|rosemary|ginger|coconut|keratin|tea tree|camellia", "100 ml|250 ml|500 ml|1 L", "",
      "Suitable for colour-treated hair.|Rinses clean without weighing hair down.|"
      "Salon formula at a shop price.|Pump bottle, recyclable.|"
      "Massage into the scalp for two minutes."},
     {"soins capillaires", "{x} Coiffure|Le Salon de {c}|{x} Cheveux|Maison {x}",
      "{n} {a} {m}|{n} {m}",
      "sans sulfate/sans sulfate|volumisant/volumisante|réparateur/réparatrice|"
      "antipelliculaire/antipelliculaire|hydratant/hydratante|purifiant/purifiante",
      "Shampooing|Après-shampooing|Masque capillaire|f:Huile capillaire|Sérum cuir chevelu|"
      "f:Crème coiffante|Shampooing sec",
      "à l'argan|au romarin|au gingembre|à la noix de coco|à la kératine|à l'arbre à thé|"
      "au camélia",
      "100 ml|250 ml|500 ml|1 L", "",
      "Convient aux cheveux colorés.|Se rince sans alourdir.|Formule de salon à prix boutique.|"
      "Flacon pompe recyclable.|Masser le cuir chevelu pendant deux minutes."},
     {"洗护", "{x}洗护|{x}发品|{c}{x}美发|{x}头皮护理", "{m}{a}{n}|{a}{n}",
      "无硅油|蓬松|修护|去屑|控油|滋润|清爽",
      "洗发水|护发素|发膜|护发精油|头皮精华|造型霜|干发喷雾",
      "摩洛哥坚果油|迷迭香|生姜|椰子|角蛋白|茶树|山茶花", "100ml|250ml|500ml|1L", "",
      "染烫发适用。|冲洗干净不厚重。|沙龙级配方。|按压瓶，可回收。|按摩头皮两分钟效果更佳。"}},
    {// fiction
     {"book", "{x} Books|{c} Bookshop|{x} Bookstore|{x} Pages", "{a} {n}: {m}|{a} {n}",
      "The Last|The Silent|A Winter|The Lost|Midnight|The Paper|The Salt|The Glass|Northern",
      "Lighthouse|Garden|Letters|River|Tea House|Orchard|Harbour|Daughter|Season|Promise",
      "a novel|a mystery|a love story|stories", "paperback|hardcover|large print", "",
      "A quiet, moving story about family and home.|Shortlisted for a national fiction prize.|"
      "Signed by the author while stocks last.|Translated with care from the original.|"
      "The perfect book for a long train journey."},
     {"livres", "Librairie {x}|La Librairie de {c}|Les Pages {x}|Bouquinerie {x}",
      "{a} {n} : {m}|{a} {n}",
      "Le dernier/La dernière|Le petit/La petite|Le grand/La grande|Le vieux/La vieille|"
      "Un long/Une longue|Le beau/La belle",
      "jardin|f:maison|phare|f:lettre|f:rivière|verger|port|f:saison|f:promesse|voyage|secret",
      "roman|polar|nouvelles|saga familiale", "poche|broché|relié", "",
      "Une histoire tendre sur la famille et les racines.|"
      "Finaliste d'un grand prix littéraire.|Dédicacé par l'autrice, dans la limite des stocks.|"
      "Traduit avec soin de l'original.|Le livre idéal pour un long voyage en train."},
     {"图书", "{x}书店|{x}书屋|{c}{x}书局|{x}读书社", "《{a}{n}》{m}|《{a}{n}》",
      "最后的|沉默的|冬天的|遥远的|午夜|纸上|失落的|南方的",
      "灯塔|花园|来信|河流|茶馆|果园|港湾|女儿|季节|约定", "长篇小说|悬疑小说|短篇小说集",
      "平装|精装|大字版", "",
      "一个关于家与亲情的温柔故事。|入围年度文学奖。|作者签名本，数量有限。|名家精心翻译。|"
      "适合长途旅行阅读。"}},
    {// non-fiction
     {"book", "{x} Books|{c} Reading Room|{x} Press|{x} Pages", "{a} {n}|{a} {n}: {m}",
      "The Art of|A Short History of|The Little Book of|A Guide to|The Science of",
      "Tea|Bread|Silk|Bicycles|Small Business|Sleep|Gardening|Fermentation|Coffee|Cities",
      "a practical guide|recipes and stories|for beginners", "paperback|hardcover", "",
      "Clear, practical and beautifully illustrated.|"
      "Written by a practitioner with twenty years of experience.|"
      "Includes a full index and further reading.|A bestseller in its home country.|"
      "Ideal as a gift."},
     {"livres", "Librairie {x}|Le Cabinet de Lecture de {c}|Éditions {x}|Les Pages {x}",
      "{a} {n}|{a} {n} : {m}",
      "L'art du/L'art de la|Petite histoire du/Petite histoire de la|"
      "Le petit livre du/Le petit livre de la|Guide du/Guide de la|La science du/La science de la",
      "thé|pain|f:soie|vélo|sommeil|jardinage|f:fermentation|café|f:ville|f:cuisine",
      "guide pratique|recettes et récits|pour débutants", "poche|broché|relié", "",
      "Clair, pratique et joliment illustré.|Écrit par un praticien aux vingt ans d'expérience.|"
      "Avec index complet et bibliographie.|Un succès de librairie dans son pays.|"
      "Idéal à offrir."},
     {"图书", "{x}书店|{x}书屋|{c}{x}书局|{x}出版社", "《{n}{a}》|《{n}{a}》{m}",
      "简史|之书|入门|的艺术|小百科|的科学", "茶|面包|丝绸|自行车|小生意|睡眠|园艺|发酵|咖啡|城市",
      "彩图版|修订版|实用指南", "平装|精装", "",
      "实用清晰，插图精美。|作者有二十年实践经验。|附完整索引与延伸阅读。|原版畅销书。|"
      "送礼佳选。"}},
    {// childrens-books
     {"children's book", "{x} Kids' Books|{c} Children's Bookshop|{x} Story Corner|{x} Tales",
      "{a} {n}|{a} {n}: {m}",
      "The Little|The Brave|The Sleepy|The Curious|The Hungry|The Lost|The Shy",
      "Fox|Dragon|Panda|Rabbit|Snail|Whale|Owl|Tiger|Turtle|Mouse",
      "a picture book|a bedtime story|a lift-the-flap book", "paperback|hardcover|board book", "",
      "Bright illustrations on every page.|For ages 3 to 6.|"
      "Sturdy pages that survive little hands.|A gentle story to read at bedtime.|"
      "Winner of a picture-book award."},
     {"livres jeunesse",
      "{x} Jeunesse|La Petite Librairie de {c}|Il était une fois {x}|"
      "Les Contes {x}",
      "{a} {n}|{a} {n} : {m}",
      "Le petit/La petite|Le courageux/La courageuse|Le curieux/La curieuse|"
      "Le gourmand/La gourmande|Le timide/La timide",
      "renard|dragon|panda|lapin|escargot|f:baleine|hibou|tigre|f:tortue|f:souris",
      "album illustré|histoire du soir|livre à rabats", "souple|cartonné|tout-carton", "",
      "Des illustrations lumineuses à chaque page.|Dès 3 ans.|"
      "Pages épaisses pour les petites mains.|Une histoire douce à lire le soir.|"
      "Lauréat d'un prix d'album jeunesse."},
     {"童书", "{x}童书|{x}绘本馆|{c}{x}童书屋|{x}故事屋", "《{a}{n}》{m}|《{a}{n}》",
      "勇敢的|好奇的|爱睡觉的|迷路的|贪吃的|害羞的",
      "狐狸|小龙|熊猫|兔子|蜗牛|鲸鱼|猫头鹰|老虎|乌龟|老鼠", "绘本|睡前故事|翻翻书",
      "平装|精装|纸板书", "",
      "每页都是明亮的插画。|适合3至6岁。|厚纸板，不怕小手撕。|温柔的睡前故事。|获绘本大奖。"}},
    {// comics
     {"comics and manga", "{x} Comics|{c} Manga Store|{x} Comic Shop|{x} Panels",
      "{a} {n}|{a} {n}: {m}", "Steel|Shadow|Moonlight|Ghost|Neon|Spirit|Blade|Sky",
      "Academy|Hunter|Chronicles|Detective|Kingdom|Samurai|Cafe|Patrol",
      "the graphic novel|deluxe edition|manga", "Vol. 1|Vol. 2|Vol. 3|Vol. 4", "",
      "Full colour, translated from the Japanese original.|"
      "Reads right to left, as the author intended.|Includes a bonus sketch gallery.|"
      "The start of a hit series.|For readers 12 and up."},
     {"bandes dessinées et mangas", "{x} BD|La Bulle de {c}|{x} Manga|Planète {x}",
      "{n} {a}|{n} {a} ({m})",
      "d'acier/d'acier/d'acier/d'acier|de l'ombre/de l'ombre/de l'ombre/de l'ombre|"
      "de minuit/de minuit/de minuit/de minuit|fantôme/fantôme|céleste/céleste|"
      "écarlate/écarlate",
      "Chasseur|f:Académie|F:Chroniques|Détective|Royaume|Samouraï|Café|f:Patrouille",
      "manga|bande dessinée|édition intégrale", "Tome 1|Tome 2|Tome 3|Tome 4", "",
      "En couleurs, traduit du japonais.|Se lit de droite à gauche, comme l'a voulu l'auteur.|"
      "Avec un cahier de croquis inédit.|Le début d'une série à succès.|Dès 12 ans."},
     {"漫画", "{x}漫画|{x}动漫|{c}{x}漫画屋|{x}二次元", "《{a}{n}》{m}|《{a}{n}》",
      "钢铁|暗影|月光|幽灵|霓虹|灵魂|刀锋|天空", "学院|猎人|编年史|侦探|王国|武士|咖啡馆|巡逻队",
      "漫画|典藏版|全彩版", "第1卷|第2卷|第3卷|第4卷", "",
      "全彩印刷，日文原版翻译。|保留日式右翻阅读。|附赠设定画集。|人气系列第一部。|"
      "适合12岁以上读者。"}},
    {// plush
     {"toy", "{x} Toys|{c} Toy Shop|{x} Plush Co.|{x} Playroom",
      "{a} {n} plush toy|{m} {n} soft toy", "cuddly|giant|mini|weighted|organic|handmade|sleepy",
      "panda|bunny|teddy bear|dinosaur|cat|whale|sloth|axolotl|penguin",
      "knitted|velvet|organic cotton", "20 cm|30 cm|45 cm|60 cm", "grey|cream|pink|blue|brown",
      "Machine washable on a gentle cycle.|Safety-tested for babies from birth.|"
      "Filled with recycled fibre.|Soft enough to hug all night.|"
      "Embroidered eyes, no small parts."},
     {"jouets", "Jouets {x}|Le Coffre à Jouets de {c}|{x} Doudou|La Ludothèque {x}",
      "Peluche {n} {a}|Doudou {n} {m}",
      "câlin/câline|géant/géante|mini/mini|lesté/lestée|bio/bio|fait main/faite main|"
      "endormi/endormie",
      "panda|lapin|ours|dinosaure|chat|f:baleine|paresseux|axolotl|pingouin",
      "en coton bio|tricoté main|en velours", "20 cm|30 cm|45 cm|60 cm",
      "gris|crème|rose|bleu|marron",
      "Lavable en machine, cycle délicat.|Conforme aux normes dès la naissance.|"
      "Rembourrage en fibres recyclées.|Assez doux pour des câlins toute la nuit.|"
      "Yeux brodés, sans petites pièces."},
     {"玩具", "{x}玩具|{x}玩偶|{c}{x}玩具屋|{x}萌宠铺", "{a}{n}毛绒公仔|{m}{n}玩偶",
      "超软|巨型|迷你|安抚|手工|睡眠", "熊猫|兔子|泰迪熊|恐龙|猫咪|鲸鱼|树懒|六角恐龙|企鹅",
      "纯棉|针织|天鹅绒", "20cm|30cm|45cm|60cm", "灰色|奶白色|粉色|蓝色|棕色",
      "可机洗。|婴儿安全标准检测。|再生纤维填充。|软糯好抱。|刺绣眼睛，无小零件。"}},
    {// puzzles
     {"puzzle", "{x} Puzzles|{c} Games & Puzzles|{x} Jigsaw Co.|{x} Puzzle House",
      "{a} {n} jigsaw puzzle|{n} {m} puzzle",
      "illustrated|vintage|wooden|glow-in-the-dark|panoramic|family",
      "West Lake|Paris rooftops|Mount Fuji|London map|world map|botanical garden|"
      "Tuscan village|night market",
      "jigsaw|3D|wooden", "300 pieces|500 pieces|1000 pieces|1500 pieces", "",
      "Thick recycled board with a snug fit.|A poster of the finished picture is in the box.|"
      "Random-cut pieces make it a real challenge.|Finished size about 68 x 48 cm.|"
      "Made in Europe with plant-based inks."},
     {"puzzles", "Puzzles {x}|Le Puzzle de {c}|{x} Casse-tête|La Boîte à Puzzles {x}",
      "Puzzle {m} « {n} »|Puzzle « {n} »", "",
      "Les toits de Paris|Le mont Fuji|Carte du monde|Jardin botanique|Village de Toscane|"
      "Le lac de l'Ouest|Marché de nuit|Londres vintage",
      "illustré|en bois|3D|panoramique|phosphorescent",
      "300 pièces|500 pièces|1000 pièces|1500 pièces", "",
      "Carton recyclé épais, pièces bien ajustées.|Poster de l'image finale inclus.|"
      "Découpe aléatoire pour un vrai défi.|Dimensions finies environ 68 x 48 cm.|"
      "Fabriqué en Europe avec des encres végétales."},
     {"拼图", "{x}拼图|{x}益智馆|{c}{x}拼图屋|{x}玩具铺", "{n}{m}拼图|{a}{n}拼图",
      "手绘|复古|国潮|高难度", "西湖|巴黎屋顶|富士山|伦敦地图|世界地图|植物园|故宫|夜市",
      "木质|3D立体|夜光", "300片|500片|1000片|1500片", "",
      "加厚再生纸板，咬合紧密。|附完整图案海报。|异形切割，挑战十足。|完成尺寸约68×48厘米。|"
      "环保植物油墨。"}},
    {// building-sets
     {"building set", "{x} Bricks|{c} Model Shop|{x} Builders|{x} Blocks",
      "{a} {n} building set|{n} {m} kit", "modular|motorised|classic|creative|micro",
      "city tram|pagoda|lighthouse|space station|bonsai tree|tea house|race car|Eiffel Tower",
      "brick|construction|model", "150 pieces|420 pieces|860 pieces|1500 pieces", "",
      "Compatible with the major brick brands.|Step-by-step illustrated instructions.|"
      "Makes a striking display piece.|For builders aged 9 and up.|"
      "Spare parts included for small pieces."},
     {"jeux de construction",
      "Briques {x}|Le Petit Bâtisseur de {c}|{x} Construction|"
      "Maquettes {x}",
      "Jeu de construction {n} {a}|Kit {n} {m}",
      "modulaire/modulaire|motorisé/motorisée|classique/classique|créatif/créative|micro/micro",
      "tramway|f:pagode|phare|f:station spatiale|bonsaï|f:maison de thé|f:voiture de course|"
      "f:tour Eiffel",
      "en briques|à construire|maquette", "150 pièces|420 pièces|860 pièces|1500 pièces", "",
      "Compatible avec les grandes marques de briques.|Notice illustrée pas à pas.|"
      "Superbe objet de décoration une fois monté.|Dès 9 ans.|Pièces de rechange incluses."},
     {"积木", "{x}积木|{x}模型|{c}{x}积木馆|{x}拼装屋", "{a}{n}积木|{n}{m}",
      "模块化|电动|经典|创意|微颗粒", "有轨电车|宝塔|灯塔|空间站|盆栽|茶馆|赛车|埃菲尔铁塔",
      "拼装积木|拼装模型", "150颗粒|420颗粒|860颗粒|1500颗粒", "",
      "兼容主流积木品牌。|附分步图解说明书。|拼好后是漂亮的摆件。|适合9岁以上。|附备用小零件。"}},
    {// board-games
     {"board game", "{x} Games|{c} Game Store|{x} Tabletop|{x} Dice & Co.", "{n}: {a} {m}|{n} {m}",
      "cooperative|deluxe|travel|2-player|family",
      "Silk Road|Tea Traders|Lantern Festival|Harbour Lights|Dragon Boat|Night Market|"
      "Orchard Harvest",
      "board game|card game|strategy game|party game", "",
      "English edition|French edition|Chinese edition",
      "For 2 to 5 players, about 45 minutes.|"
      "Easy to learn in ten minutes, deep enough to replay.|"
      "Includes wooden pieces and a linen-finish board.|A family favourite for ages 8 and up.|"
      "Expansion-ready box with room to spare."},
     {"jeux de société", "Jeux {x}|La Boutique Ludique de {c}|{x} Ludique|Le Dé {x}",
      "{n} : {m} {a}|{n} : {m}",
      "coopératif/coopérative|familial/familiale|de voyage/de voyage|pour deux/pour deux",
      "La Route de la soie|Les Marchands de thé|La Fête des lanternes|Les Lumières du port|"
      "Bateau-dragon|Marché de nuit|Récolte au verger",
      "jeu de société|jeu de cartes|jeu de stratégie|jeu d'ambiance", "",
      "édition anglaise|édition française|édition chinoise",
      "De 2 à 5 joueurs, environ 45 minutes.|S'apprend en dix minutes, se rejoue sans fin.|"
      "Pions en bois et plateau toilé.|Un classique familial dès 8 ans.|"
      "Boîte prête pour les extensions."},
     {"桌游", "{x}桌游|{x}游戏馆|{c}{x}桌游吧|{x}棋牌", "{n}{a}{m}|{n}{m}", "合作|豪华版|便携|双人",
      "丝绸之路|茶商|元宵灯会|港湾灯火|龙舟竞渡|夜市|果园丰收|三国",
      "桌游|卡牌游戏|策略桌游|聚会游戏", "", "英文版|法文版|中文版",
      "2至5人，约45分钟。|十分钟上手，耐玩度高。|木质配件，布纹版图。|8岁以上全家同乐。|"
      "盒子预留扩展空间。"}},
    {// camping
     {"outdoor", "{x} Outdoors|{c} Camping Co.|{x} Trail Supply|{x} Adventure Gear",
      "{a} {n}|{a} {n} {m}",
      "ultralight|waterproof|3-season|packable|lightweight|compact|trail-ready",
      "2-person tent|sleeping bag|headlamp|camping stove|trekking poles|camp chair|"
      "water filter|hammock|dry bag",
      "with carry bag|for hiking|for bikepacking", "", "green|orange|grey|sand|blue",
      "Packs down small for long treks.|Tested in wind and rain in the Alps.|"
      "Light without cutting corners.|Two-year warranty and a repair service.|"
      "Sets up in under five minutes."},
     {"plein air", "{x} Outdoor|Le Camp de Base de {c}|{x} Rando|{x} Aventure",
      "{n} {a}|{n} {a} {m}",
      "ultraléger/ultralégère/ultralégers/ultralégères|imperméable/imperméable|"
      "3 saisons/3 saisons/3 saisons/3 saisons|compact/compacte|robuste/robuste",
      "f:Tente 2 places|Sac de couchage|f:Lampe frontale|Réchaud de camping|"
      "M:Bâtons de randonnée|f:Chaise pliante|Filtre à eau|Hamac|Sac étanche",
      "avec housse|pour la randonnée|pour le bikepacking", "", "vert|orange|gris|sable|bleu",
      "Très compact pour les longs treks.|Testé au vent et à la pluie dans les Alpes.|"
      "Léger sans compromis.|Garantie deux ans et service de réparation.|"
      "Se monte en moins de cinq minutes."},
     {"户外", "{x}户外|{x}露营|{c}{x}户外用品|{x}登山装备", "{a}{n}|{m}{a}{n}",
      "超轻|防水|三季|便携|轻量|耐用|专业",
      "双人帐篷|睡袋|头灯|露营炉具|登山杖|折叠椅|净水器|吊床|防水袋", "户外|徒步|自驾", "",
      "绿色|橙色|灰色|沙色|蓝色",
      "收纳体积小，适合长线徒步。|高山风雨实测。|轻量化不减配。|两年质保，提供维修。|"
      "五分钟快速搭建。"}},
    {// cycling
     {"cycling", "{x} Cycles|{c} Bike Shop|{x} Cycling Co.|{x} Wheelworks", "{a} {n}|{a} {m} {n}",
      "aero|lightweight|thermal|reflective|breathable|padded|waterproof",
      "cycling jersey|bib shorts|helmet|rain jacket|cycling gloves|arm warmers|cycling cap",
      "merino|recycled", "S|M|L|XL", "black|red|navy|fluoro yellow|white",
      "Race fit: size up for a relaxed cut.|Reflective details for dark mornings.|"
      "Three rear pockets and a zipped valuables pocket.|Tested over thousands of kilometres.|"
      "Wicks sweat on long climbs."},
     {"vélo", "Cycles {x}|Le Vélo de {c}|{x} Vélo|L'Atelier Cycles {x}", "{n} {a}|{n} {a} {m}",
      "aéro/aéro|léger/légère/légers/légères|thermique/thermique|"
      "réfléchissant/réfléchissante|respirant/respirante|imperméable/imperméable",
      "Maillot de vélo|Cuissard à bretelles|Casque|f:Veste de pluie|M:Gants de vélo|"
      "F:Manchettes|f:Casquette de cycliste",
      "en mérinos|en tissu recyclé", "S|M|L|XL", "noir|rouge|bleu marine|jaune fluo|blanc",
      "Coupe course : prenez une taille au-dessus pour plus d'aisance.|"
      "Détails réfléchissants pour les matins sombres.|Trois poches dorsales dont une zippée.|"
      "Testé sur des milliers de kilomètres.|"
      "Évacue la transpiration dans les longues montées."},
     {"骑行装备", "{x}单车|{x}骑行|{c}{x}车行|{x}骑行装备", "{a}{n}|{m}{a}{n}",
      "气动|轻量|加绒|反光|透气|防水", "骑行服|背带裤|头盔|雨衣|骑行手套|袖套|骑行帽",
      "美利奴|环保", "S|M|L|XL", "黑色|红色|藏青色|荧光黄|白色",
      "竞赛版型，建议选大一码。|反光设计，早晚骑行更安全。|背后三口袋，带拉链防丢袋。|"
      "上千公里实测。|"
      "长距离爬坡快速排汗。"}},
    {// fitness
     {"fitness", "{x} Fitness|{c} Gym Supply|{x} Strength Co.|{x} Movement", "{a} {n}",
      "non-slip|eco-friendly|home-gym|heavy-duty|compact|premium|travel",
      "yoga mat|resistance bands (set of 5)|8 kg kettlebell|foam roller|jump rope|"
      "adjustable dumbbells|pull-up bar|yoga blocks (pair)",
      "", "", "black|purple|teal|grey|coral",
      "A grippy surface for sweaty sessions.|Free of latex and PVC.|"
      "Comes with a guide to 20 exercises.|Built to last through daily workouts.|"
      "Light enough to take on holiday."},
     {"fitness", "{x} Fitness|La Salle de {c}|{x} Forme|{x} Sport", "{n} {a}",
      "antidérapant/antidérapante|écologique/écologique|réglable/réglable|robuste/robuste|"
      "compact/compacte|de voyage/de voyage/de voyage/de voyage",
      "Tapis de yoga|M:Élastiques de résistance|Kettlebell 8 kg|Rouleau de massage|"
      "f:Corde à sauter|M:Haltères|f:Barre de traction|f:Brique de yoga",
      "", "", "noir|violet|bleu canard|gris|corail",
      "Surface adhérente même en pleine séance.|Sans latex ni PVC.|"
      "Livré avec un guide de 20 exercices.|Conçu pour un usage quotidien.|"
      "Assez léger pour partir en vacances."},
     {"健身器材", "{x}健身|{x}运动|{c}{x}健身器材|{x}瑜伽馆", "{a}{n}",
      "防滑|环保|加厚|家用|可调节|便携|专业",
      "瑜伽垫|弹力带五件套|8公斤壶铃|泡沫轴|跳绳|哑铃|引体向上杆|瑜伽砖", "", "",
      "黑色|紫色|青色|灰色|珊瑚色",
      "防滑纹理，大汗也不打滑。|不含乳胶与PVC。|附20个动作指南。|经久耐用，日常训练无压力。|"
      "轻便易携带。"}},
    {// running
     {"running", "{c} Running Co.|{x} Run Club|{x} Runners|{x} Stride",
      "{m} {n}|{a} {n}|{a} {m} {n}",
      "lightweight|breathable|seamless|reflective|cushioned|trail|quick-dry",
      "running socks (3 pairs)|running shorts|running tights|base layer|running vest|"
      "running cap|running jacket",
      "merino wool|recycled polyester", "S|M|L|XL", "black|neon orange|navy|white|lime",
      "Flat seams stop chafing on long runs.|Reflective trims for early starts.|"
      "Dries fast and does not hold odours.|Tested by our own club on weekly runs.|"
      "Key pocket at the back of the waistband."},
     {"running", "{x} Running|Les Coureurs de {c}|{x} Foulée|{x} Trail",
      "{n} {a} {m}|{n} {m}|{n} {a}",
      "léger/légère/légers/légères|respirant/respirante|"
      "sans couture/sans couture/sans couture/sans couture|réfléchissant/réfléchissante|"
      "séchage rapide/séchage rapide/séchage rapide/séchage rapide",
      "F:Chaussettes de running|Short de running|Collant de running|Sous-vêtement technique|"
      "Gilet d'hydratation|f:Casquette de running|f:Veste de running",
      "en laine mérinos|en polyester recyclé", "S|M|L|XL",
      "noir|orange fluo|bleu marine|blanc|vert citron",
      "Coutures plates contre les frottements.|"
      "Bandes réfléchissantes pour les sorties matinales.|"
      "Sèche vite et ne garde pas les odeurs.|Testé par notre club chaque semaine.|"
      "Poche à clé dans la ceinture."},
     {"跑步装备", "{x}跑步|{x}跑者|{c}{x}运动|{x}路跑装备", "{m}{n}|{a}{n}|{a}{m}{n}",
      "轻量|透气|无缝|反光|速干|越野|缓震",
      "跑步袜(3双装)|跑步短裤|跑步紧身裤|运动打底衫|越野背心|跑步帽|跑步外套",
      "美利奴羊毛|环保再生", "S|M|L|XL", "黑色|荧光橙|藏青色|白色|青柠绿",
      "平缝设计，长跑不磨。|反光条，清晨夜跑更安全。|速干不留异味。|跑团每周实测。|"
      "腰部带钥匙袋。"}},
};

}  // namespace

uint64_t DemoStreamSeed(uint64_t seed, uint64_t stream) {
  // SplitMix64 of the pair: neighbouring streams get unrelated seeds.
  uint64_t mixed = seed + (stream + 1) * 0x9E3779B97F4A7C15ull;
  mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ull;
  mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBull;
  return mixed ^ (mixed >> 31);
}

std::span<const DemoCategory> DemoCategories() { return kCategories; }

std::optional<size_t> DemoCategoryIndex(std::string_view slug) {
  for (size_t index = 0; index < kCategories.size(); ++index) {
    if (kCategories[index].slug == slug) return index;
  }
  return std::nullopt;
}

const Vocabulary& VocabularyOf(size_t category_index, Language language) {
  assert(category_index < kCategoryCount);
  return kVocabularies[category_index][static_cast<size_t>(language)];
}

size_t WordCount(std::string_view list) {
  if (list.empty()) return 0;
  size_t count = 1;
  for (char c : list) count += c == '|';
  return count;
}

std::string_view WordAt(std::string_view list, size_t index) {
  size_t begin = 0;
  for (; index > 0; --index) {
    begin = list.find('|', begin);
    assert(begin != std::string_view::npos);
    begin += 1;
  }
  size_t end = list.find('|', begin);
  return list.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

}  // namespace shrimp::catalog
