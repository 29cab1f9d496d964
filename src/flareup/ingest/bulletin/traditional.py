"""Chinese bulletins re-published in traditional characters (Hong Kong and Taiwan sites, 國家衛健委
通報 as mirrored): each traditional character the extractor's words and the gazetteer need is read
as its simplified one, one character for one, so that every offset stays where it was and the
records' words are given back as the text writes them (:func:`restore`)."""

from __future__ import annotations

from flareup.ingest.bulletin.records import Record

#: traditional characters, and the simplified ones at the same positions
_TRADITIONAL = (
    "確診報計癒醫學觀觸現癥輸無狀轉為區個轄團產設衛會國灣臺門別黃龍東廣遼寧陝肅貴雲蘇閩贛魯粵瓊內晉滬時當從與較減據將於對這後"
    "關並發條專們來編輯錄歸檢測陽陰樣採療護離點還萬億兩餘總數項類級體際間縣鎮鄉號樓場廠碼機構務處辦藥證實認斷屬聯傳鏈輕態穩達"
    "標準則續連週記載統彙結論紀蹤擴範圍麼廳臨陸綫線島濱瀋鄭漢廈蘭烏齊爾濟鹽蕪銅馬豐歲齡員說經過進開問題長興鐵軍隊頭導訊變緊險"
    "風響應啟動亞歐韓紐倫敘亂擬積極參驗篩剛彈纍屆隨貨運車輛輪飛艦職義術劑種聞網頻視電話頒佈議舉協調組織責負營業銷費價錢購買賣"
    "倉庫鄰邊畫劃閉環節鑒歷傷殘婦兒嬰孫親書漁農貿僑華勞創覺燈蘆溫濕莊橋樂靈寶嶺崗閔滙黨鞏衝築園畢儘盡單雙緩籲懷戰勝擊驟緻濾潔"
    "淨殺滅氣藝夥鐘錶鬆髮麵鬥誌製傑幾穀闆裡嚴謹複雜簡錯誤讓識訪談請謝試語讀課許評詳詢頁順預領顯額飲館養駐魚鳥鵬鴻麗齒龜"
    # (place names: 重慶, 長壽區, 錫林郭勒盟, 德宏傣族景頗族自治州, 上饒, 雞西, 撫順, 錦州, 瀘州, 揚州,
    # 紹興, 濰坊, 棗莊, 黃岡, 隴南, 銀川)
    "慶壽錫頗饒綏峽雞撫錦瀘揚紹濰棗萊岡隴銀"
)
_SIMPLIFIED = (
    "确诊报计愈医学观触现症输无状转为区个辖团产设卫会国湾台门别黄龙东广辽宁陕肃贵云苏闽赣鲁粤琼内晋沪时当从与较减据将于对这后"
    "关并发条专们来编辑录归检测阳阴样采疗护离点还万亿两余总数项类级体际间县镇乡号楼场厂码机构务处办药证实认断属联传链轻态稳达"
    "标准则续连周记载统汇结论纪踪扩范围么厅临陆线线岛滨沈郑汉厦兰乌齐尔济盐芜铜马丰岁龄员说经过进开问题长兴铁军队头导讯变紧险"
    "风响应启动亚欧韩纽伦叙乱拟积极参验筛刚弹累届随货运车辆轮飞舰职义术剂种闻网频视电话颁布议举协调组织责负营业销费价钱购买卖"
    "仓库邻边画划闭环节鉴历伤残妇儿婴孙亲书渔农贸侨华劳创觉灯芦温湿庄桥乐灵宝岭岗闵汇党巩冲筑园毕尽尽单双缓吁怀战胜击骤致滤洁"
    "净杀灭气艺伙钟表松发面斗志制杰几谷板里严谨复杂简错误让识访谈请谢试语读课许评详询页顺预领显额饮馆养驻鱼鸟鹏鸿丽齿龟"
    "庆寿锡颇饶绥峡鸡抚锦泸扬绍潍枣莱冈陇银"
)
_TABLE = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
_TRADITIONAL_SET = frozenset(_TRADITIONAL)


def simplified(text: str) -> str:
    """``text`` with its traditional characters read as simplified ones (same length); the
    text itself where it has none (the common case: one set test)."""
    if _TRADITIONAL_SET.isdisjoint(text):
        return text
    return text.translate(_TABLE)


def restore(records: list[Record], read: str, original: str) -> None:
    """Give each record the words of ``original`` where it was read from ``read`` (the same
    text with simplified characters, offsets unchanged): evidence, mention, sentence and the
    place as written."""
    if read == original:
        return
    for r in records:
        r.evidence = original[r.start : r.end]
        s0 = read.rfind(r.sentence, 0, r.start + len(r.sentence))
        if s0 >= 0:
            r.sentence = original[s0 : s0 + len(r.sentence)]
        m0 = read.find(r.mention, r.start, r.end) if r.mention else -1
        if m0 >= 0:
            r.mention = original[m0 : m0 + len(r.mention)]
        if r.place_text:
            p0 = read.rfind(r.place_text, 0, r.end)
            if p0 < 0:
                p0 = read.find(r.place_text)
            if p0 >= 0:
                r.place_text = original[p0 : p0 + len(r.place_text)]
