"""Traditional-character pages read as simplified (繁体 -> 简体), one character for one.

Plans are reposted on traditional-character sites (``市政府辦公室牽頭,市級各有關部門
按職責分工負責``); the importer's labels, verbs and the user's unit names are
simplified. A text in which traditional-only characters are common
(``is_traditional``) has each of them replaced by its simplified form. Only
characters that never occur in simplified text are in the table (so 著, 乾, 藉
… are left alone), and the replacement keeps every offset, so spans stay valid.
"""

from __future__ import annotations

import re

# Pairs in code-point order of the traditional character.
_TRADITIONAL = (
    "並亂亞佈佔併來侖侶係俠倀倆倉個們倫偉側偵偽傑傘傢傭傳債傷傾僅僑僱價儀億儉儘償優儲兇兌兒內兩冊凍凱別刪則剛剝創劃劇劉劍勁動"
    "務勝勞勢勳勵勸區協卻厭厲參吳呂員問啞啟喪喬單嗎嗚嘆嘗噴嚇嚮嚴國圍園圓圖團執堅堯報場塊塗塵墜墳墾壇壓壘壞壟壩壯壺壽夠夢夥夾"
    "奪奮婦媽嬰孫學宮寢實寧審寫寬寵寶將專尋對導屆層屬岡島崗嶺嶼嶽巖帥師帳帶幣幫幹幾庫廁廂廈廟廠廢廣廬廳張強彌彙後徑從復徵徹惡"
    "態慣慮慶憂憐憑憤憲憶懇應懲懷懼戀戰戲戶捨掃掛採揚換揮損搖搶摯撈撐撥撫撲撿擁擇擊擋擔據擠擬擱擲擴擺擾攏攔攜攝攤攬敘敵數斂斃"
    "斬斷於時暈暢暫曆曉曠曬書會朧東條棄棗棧楊業極榮構槍槓樁樂樑樓標樞樣樸樹橋機檔檢檯櫃櫻欄權歐歡歲歷歸歿殘殲殺毀毆氣氫汙決沒"
    "況涼淚淨淪減渦測渾湊湧湯準溝溫滄滅滬滯滲滾滿漁漢漲漸漿潑潔潛潤潰澀澇澤濁濃濕濟濤濫濰濱濺濾瀉瀋瀏瀕瀘瀝瀾灑灘灣灤災為烏無"
    "煉煙煩熱燈燒燙營燦燭爐爛爭爺爾牆牽犧狀狹猶獄獅獎獨獲獵獸獻現瑣瑤瑪環瓊產甦畝畢畫異當疊瘋瘍瘓療癒癢癮發皺盃盜盞盡監盤盧眾"
    "睏睜瞞矯碩確碼磚礎礙礦礫祿禍禦禮稅稟種稱穀積穢穩窮窯竄竊競筆節範築篩簡簽籃籌籤粵糧糾紀約紅紋納紐純紗紙級紛紡紮細紳紹終組"
    "結絕絡給絨統絲絳綏經綜綠綢維綱網綺綻緊緋緒線緝緞締緣編緩緬練縛縝縣縫縮縱縷總績繃繆織繞繡繩繪繫繭繳繼續纏纔纖纜罈罰罵罷羅"
    "羈羨義習翹聖聞聯聰聲聳聶職聽聾肅脅脈脣脫脹腎腦腳腸膚膠膩膽臉臍臟臥臨臺與興舉舊艙艦艱艷荊莊莢華萊萬葉蒼蓋蓮蔔蔣蔥蔭蕭薑薦"
    "藍藝藥蘆蘇蘊蘋蘚蘭蘿虛虜號虧蝕蝦蝸螞蟲蟻蠅蠍蠟蠶衆衊術衛衝袞裏補裝裡製褲襖襯襲見規覓視親覲覺覽觀觸訂計訊討訓託記訛訝訟訣"
    "訪設許訴診註詐評詛詞詠詢試詩詭該詳誇誌認誕誘語誠誤誦說誰課誼調談請諒論諜諧諫諮諷諸諾謀謁謂謊謎謗謙講謝謠謬謹證譏識譜譯議"
    "譴護譽讀變讒讓讖讚豈豎豐豔豬貓貝貞負財貢貧貨販貪貫責貯貳貴貶買貸費貼貿賀賂賃賄資賊賑賓賜賞賠賢賣賤賦質賬賴賺購賽贅贈贊贏"
    "贓贖贛趕趙趨跡踐踴蹤躊躍軀車軋軌軍軔軟軸軻較載輓輔輕輛輝輟輩輪輯輸輻輿轄轅轉轎轟辦辭辮辯農迴這連週進遊運過達違遙遜遞遠適"
    "遲遷選遺遼邁邊邏郵鄉鄒鄧鄭鄰醜醞醫醬釀釁釋釐針釣鈉鈍鈕鈞鈣鈦鈴鉀鉅鉑鉗鉛鉤銀銅銘銜銳銷鋁鋅鋒鋪鋸鋼錄錘錢錦錫錯錳鍊鍋鍍鍛"
    "鍵鎂鎖鎢鎮鎳鏈鏟鏡鏽鐘鐮鐳鐵鑄鑑鑒鑰鑲鑼鑽長門閃閉開閑閒間閔閘閣閥閨閩閱閻闈闊闕闖關闡陝陣陰陳陸陽隊階隕際隨險隱隴隸隻雋"
    "雖雙雛雜雞離難雲電霧靂靈靜鞏韋韌韓韻響頁頂頃項順須頌預頑頒頓頗領頭頸頹頻顆題額顏願顛類顧顫顯風颱颳飄飆飛飪飯飲飼飾餃餅養"
    "餘餚餡館饅饋饑饒馬馮駁駐駒駕駛駝駭駱騎騙騰騷驅驕驗驚驛驢骯髏髒體髮鬆鬍鬥鬧鬱魚魯鮮鯉鯊鯨鱗鳥鳳鳴鴕鴨鴻鴿鵝鵬鶯鶴鷗鷹鹵鹼"
    "鹽麗麥麩麵麼黃點黨黴齊齋齒齡齣龍龐龜"
)
_SIMPLIFIED = (
    "并乱亚布占并来仑侣系侠伥俩仓个们伦伟侧侦伪杰伞家佣传债伤倾仅侨雇价仪亿俭尽偿优储凶兑儿内两册冻凯别删则刚剥创划剧刘剑劲动"
    "务胜劳势勋励劝区协却厌厉参吴吕员问哑启丧乔单吗呜叹尝喷吓向严国围园圆图团执坚尧报场块涂尘坠坟垦坛压垒坏垄坝壮壶寿够梦伙夹"
    "夺奋妇妈婴孙学宫寝实宁审写宽宠宝将专寻对导届层属冈岛岗岭屿岳岩帅师帐带币帮干几库厕厢厦庙厂废广庐厅张强弥汇后径从复征彻恶"
    "态惯虑庆忧怜凭愤宪忆恳应惩怀惧恋战戏户舍扫挂采扬换挥损摇抢挚捞撑拨抚扑捡拥择击挡担据挤拟搁掷扩摆扰拢拦携摄摊揽叙敌数敛毙"
    "斩断于时晕畅暂历晓旷晒书会胧东条弃枣栈杨业极荣构枪杠桩乐梁楼标枢样朴树桥机档检台柜樱栏权欧欢岁历归殁残歼杀毁殴气氢污决没"
    "况凉泪净沦减涡测浑凑涌汤准沟温沧灭沪滞渗滚满渔汉涨渐浆泼洁潜润溃涩涝泽浊浓湿济涛滥潍滨溅滤泻沈浏濒泸沥澜洒滩湾滦灾为乌无"
    "炼烟烦热灯烧烫营灿烛炉烂争爷尔墙牵牺状狭犹狱狮奖独获猎兽献现琐瑶玛环琼产苏亩毕画异当叠疯疡痪疗愈痒瘾发皱杯盗盏尽监盘卢众"
    "困睁瞒矫硕确码砖础碍矿砾禄祸御礼税禀种称谷积秽稳穷窑窜窃竞笔节范筑筛简签篮筹签粤粮纠纪约红纹纳纽纯纱纸级纷纺扎细绅绍终组"
    "结绝络给绒统丝绛绥经综绿绸维纲网绮绽紧绯绪线缉缎缔缘编缓缅练缚缜县缝缩纵缕总绩绷缪织绕绣绳绘系茧缴继续缠才纤缆坛罚骂罢罗"
    "羁羡义习翘圣闻联聪声耸聂职听聋肃胁脉唇脱胀肾脑脚肠肤胶腻胆脸脐脏卧临台与兴举旧舱舰艰艳荆庄荚华莱万叶苍盖莲卜蒋葱荫萧姜荐"
    "蓝艺药芦苏蕴苹藓兰萝虚虏号亏蚀虾蜗蚂虫蚁蝇蝎蜡蚕众蔑术卫冲衮里补装里制裤袄衬袭见规觅视亲觐觉览观触订计讯讨训托记讹讶讼诀"
    "访设许诉诊注诈评诅词咏询试诗诡该详夸志认诞诱语诚误诵说谁课谊调谈请谅论谍谐谏咨讽诸诺谋谒谓谎谜谤谦讲谢谣谬谨证讥识谱译议"
    "谴护誉读变谗让谶赞岂竖丰艳猪猫贝贞负财贡贫货贩贪贯责贮贰贵贬买贷费贴贸贺赂赁贿资贼赈宾赐赏赔贤卖贱赋质账赖赚购赛赘赠赞赢"
    "赃赎赣赶赵趋迹践踊踪踌跃躯车轧轨军轫软轴轲较载挽辅轻辆辉辍辈轮辑输辐舆辖辕转轿轰办辞辫辩农回这连周进游运过达违遥逊递远适"
    "迟迁选遗辽迈边逻邮乡邹邓郑邻丑酝医酱酿衅释厘针钓钠钝钮钧钙钛铃钾巨铂钳铅钩银铜铭衔锐销铝锌锋铺锯钢录锤钱锦锡错锰炼锅镀锻"
    "键镁锁钨镇镍链铲镜锈钟镰镭铁铸鉴鉴钥镶锣钻长门闪闭开闲闲间闵闸阁阀闺闽阅阎闱阔阙闯关阐陕阵阴陈陆阳队阶陨际随险隐陇隶只隽"
    "虽双雏杂鸡离难云电雾雳灵静巩韦韧韩韵响页顶顷项顺须颂预顽颁顿颇领头颈颓频颗题额颜愿颠类顾颤显风台刮飘飙飞饪饭饮饲饰饺饼养"
    "余肴馅馆馒馈饥饶马冯驳驻驹驾驶驼骇骆骑骗腾骚驱骄验惊驿驴肮髅脏体发松胡斗闹郁鱼鲁鲜鲤鲨鲸鳞鸟凤鸣鸵鸭鸿鸽鹅鹏莺鹤鸥鹰卤碱"
    "盐丽麦麸面么黄点党霉齐斋齿龄出龙庞龟"
)
# Variant forms a traditional page may use instead of the standard one (Taiwan and
# Hong Kong sites write 爲 for 為, 産 for 產): also never simplified.
_VARIANTS = ("爲産啓綫僞衹", "为产启线伪只")
_TABLE = str.maketrans(_TRADITIONAL + _VARIANTS[0], _SIMPLIFIED + _VARIANTS[1])
_ANY_TRADITIONAL = re.compile(f"[{_TRADITIONAL}{_VARIANTS[0]}]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# A page is traditional when at least this share of its Han characters are
# traditional-only (a simplified page quoting one 繁體版 link is not).
_MIN_SHARE = 0.05
_MIN_COUNT = 10


def is_traditional(text: str) -> bool:
    """Traditional-only characters make up a real share of the Han characters."""
    found = len(_ANY_TRADITIONAL.findall(text))
    return found >= _MIN_COUNT and found >= _MIN_SHARE * len(_HAN.findall(text))


def to_simplified(text: str) -> str:
    """``text`` with its traditional characters simplified, when it is a traditional page."""
    text = drop_pinyin_glosses(text)
    return text.translate(_TABLE) if is_traditional(text) else text


# A character glossed with its pinyin, as some reposting sites print a page: 工(gōng)作,
# 青島藍(lán)谷管理局. A gloss has a tone mark, so （2023） or (RFID) is never one.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（][a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}[)）]")
# Fewer glosses than this: a word explained once (藏(zàng)), left as written.
_MIN_GLOSSES = 3


def drop_pinyin_glosses(text: str) -> str:
    """``text`` without the pinyin after its characters, when the page glosses them."""
    if not any(ch in text for ch in _TONED):
        return text
    glosses = _GLOSS.findall(text)
    return _GLOSS.sub("", text) if len(glosses) >= _MIN_GLOSSES else text
