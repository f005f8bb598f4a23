"""Dialects and chat forms written as typed, in the Mandarin the lexicon and the cues hold: Cantonese (有冇退返嚟嘅单),
Minnan (有无会当索赔的), Shanghainese (侬拉张单子), Shaanxi (赔下来咧木有), Sichuan and Hunan (啥子, 莫得, 几多), the
question endings of each (咩, 嘞, 伐, 无), and the look-alike characters of handwriting input (己经, 末退回)."""

from __future__ import annotations

import re

# Cantonese written as typed ("有冇退返嚟嘅单", "赔咗又扣返", "几耐先得"), in the Mandarin the lexicon holds;
# longer forms first. 系 and 仲 only in their phrases: 系统 and 仲裁 are Mandarin words.
_CANTONESE = [("唔该", "谢谢"), ("我哋", "我们"), ("你哋", "你们"), ("佢哋", "他们"), ("嗰", "那"), ("𠮶", "那"),
              ("搵返", "找回"), ("揾返", "找回"), ("等紧", "在等"), ("啱啱", "刚刚"), ("搵", "找"), ("写住", "写着"),
              ("有冇", "有没有"), ("系唔系", "是不是"), ("整烂", "弄坏"), ("追返", "追回"), ("记低", "记下"),
              ("佢话", "它说"), ("梳化", "沙发"), ("喎", ""),
              ("唔系", "不是"),
              ("系咪", "是不是"), ("系咩", "是什么"), ("系烂", "是坏"), ("整坏", "弄坏"),
              ("返嚟", "回来"), ("返仓", "回仓"), ("扣返", "扣回"), ("退返", "退回"), ("冇", "没"), ("嘅", "的"),
              ("咗", "了"), ("嚟", "来"), ("咩", "什么"), ("乜", "什么"), ("边啲", "哪些"), ("边个", "哪个"),
              ("边度", "哪里"), ("几耐", "多久"), ("点样", "怎样"), ("点解", "为什么"), ("睇", "看"), ("俾", "给"),
              ("畀", "给"), ("回覆", "回复"), ("覆下", "回下"), ("覆佢", "回他"), ("覆返", "回"), ("嘢", "东西"),
              ("佢", "它"), ("呢单", "这单"), ("呢个", "这个"), ("呢啲", "这些"), ("呢票", "这票"),
              ("咁", "那"), ("唔", "不"), ("啲", "些"), ("揾", "找"), ("而家", "现在"), ("琴日", "昨天"),
              ("听日", "明天"), ("仲可以", "还可以"), ("仲有", "还有"), ("仲未", "还没"), ("仲话", "还说"),
              ("定系按", "还是按"), ("客话", "客人说"), ("㗎", "的")]  # 定系 before 按 only: 待定系数 is Mandarin
# Minnan (Hokkien, Teochew) written as typed ("有无会当索赔的", "偌济钱会当追转来", "按怎回伊"), in Mandarin: its
# words that are no Mandarin words always; its single characters and the words Mandarin shares (有无, 家私, 转来; 伊
# of 伊朗, 欲 of 欲望) and 无 ending a question ("会当赔无") only in a line that has one of those words.
_MINNAN_WORDS = [("会当", "可以"), ("袂当", "不能"), ("偌济", "多少"), ("啥物", "什么"), ("代志", "事情"),
                 ("按怎", "怎么"), ("拢总", "总共"), ("拢无", "都没"), ("这马", "现在"), ("彼个", "那个"),
                 ("一屑仔", "一点"), ("一屑", "一点"), ("歹势", "不好意思"), ("袂晓", "不会"), ("拍开", "打开"),
                 ("扣甲", "扣得"), ("收甲", "收得"), ("算甲", "算得")]  # Teochew 甲 after a verb: 得
_MINNAN_SHARED = [("有无", "有没有"), ("转来", "回来"), ("家私", "东西"), ("遐", "那"), ("汝", "你"), ("阮", "我们"),
                  ("伊", "他"), ("欲", "要")]
_MINNAN_ASKING = re.compile(r"(?<=[\u4e00-\u9fff])无(?=\s*[?？!！。]*\s*$)")
# Shanghainese (侬, 阿拉, 搿个, 勿, 寻着, 伐) in a line that has one of its own words (勿 of 请勿 is Mandarin), and 额
# of Shanghai (丢额: 的, at a clause's end) and of Shaanxi (给额拉出来, 额想问: 我, before a verb or after 给/帮).
_WU_MARKER = re.compile(r"侬|搿|寻着|(?<=[了好对是有能])伐\s*[?？]?\s*$|勿(?:对|是|要|好|晓得)")
_WU = [("搿个", "这个"), ("搿只", "这个"), ("搿", "这"), ("侬", "你"), ("寻着", "找到"), ("勿", "不"),
       ("好提额", "能提的"), ("好提的", "能提的"), ("好索赔", "能索赔")]
_WU_ASKING = re.compile(r"(?<=[了好对是有能])伐(?=\s*[?？]?\s*$)")
_E_AS_I = re.compile(r"(?:(?<=[给帮让跟叫替])|^)额(?=[拉看说查找弄搞整列发想问])")
_E_AS_OF = re.compile(r"(?:(?<=[丢损坏月周提拒赔])|(?<=以上)|(?<=以下))额(?=[\s,，。!！?？]|$)")
_SHAANXI = [("咧木有", "了没有"), ("木有", "没有"), ("得是", "是不是"), ("开司", "case")]
_LIE = re.compile(r"(?<=[\u4e00-\u9fff])(?<!咧)(?<!呲)咧(?=[\s,，。!！?？]|$|没有)")  # Shaanxi 提咧, 赔下来咧没有: 了
# Cantonese 咩 ending a question ("咁样可以再追咩"): 吗; inside one ("做咩", "系咩") it is 什么.
_ASKING_LEI = re.compile(r"嘞(?=\s*[?？!！。]*\s*$)")  # "那日本站嘞": 呢, as Fujian and Sichuan end a question
_ASKING_MEH = re.compile(r"(?<![做系为])咩(?=\s*[?？!！。,，]*\s*$)")
# A question of a kind of case ended by 不 ("这种情况能赔不"), as 吗: a rule asked, as "这种情况能赔吗".
_ASKING_BU = re.compile(r"((?:这种|这类|这样)[^,，。\s]{0,4}?(?:也|还)?(?:能|可以)[\u4e00-\u9fff]{1,3}?)不"
                        r"(?=\s*[?？!！。~]*\s*$)")
_WUHAN_HOW = re.compile(r"(?<![怎这那什要多])么样")  # 德国站那边又么样: 怎么样
_ZM = re.compile(r"(?<![A-Za-z0-9])zm(?![A-Za-z0-9])")  # 怎么, typed by its initials ("zm开case")
_COLLOQUIAL = [("啥子", "什么"), ("莫得", "没有"), ("甚么", "什么"), ("康康", "看看"), ("瞅瞅", "看看"),
               ("一哈", "一下"), ("今儿个", "今天"), ("明儿个", "明天"), ("昨儿个", "昨天"),  # Beijing
               ("咋样", "怎么样"), ("咋", "怎么"), ("干嘛", "干什么"), ("干啥", "干什么"), ("啥", "什么"),
               # Hunan: 几多天 (多少), 么子 (什么), 何解 (为什么), 哒 (了), 冒 (没) after 了 or before 有/找到/得
               # 港 (讲) only before why (冇 is 没 by now): 到港 is a port
               ("没港何解", "没讲为什么"), ("冒港何解", "没讲为什么"),
               ("几多", "多少"), ("么子", "什么"), ("何解", "为什么"), ("哒", "了"), ("了冒", "了没"), ("冒有", "没有"),
               ("冒找到", "没找到"), ("冒得", "没得"),
               # Hubei (Wuhan): 么斯 (什么); 么样 (怎么样) below, not inside 怎么样, 这么样
               ("么斯", "什么"),
               # characters that look alike, from handwriting input: 己经 (已经), 末退回 (未退回), 陪了 (赔了)
               ("己经", "已经"), ("末退", "未退"), ("末提", "未提"), ("末收", "未收"), ("末到", "未到"),
               ("末赔", "未赔"), ("末看到", "未看到"), ("杳一下", "查一下"), ("杳下", "查下"), ("先杳", "先查"),
               ("也杳", "也查"), ("陪了", "赔了"), ("能陪", "能赔"),
               ("陪偿", "赔偿"), ("陪付", "赔付"), ("陪钱", "赔钱"), ("索陪", "索赔"),
               ("凯斯", "case"), ("开斯", "case"),  # case, as voice input writes its sound
               # 量 (liang) typed as the pinyin input's first candidate, 两, where no count can be
               ("尺寸两错", "尺寸量错"), ("两错尺寸", "量错尺寸"), ("重新两", "重新量"),
               ("给赔吗", "能赔吗"), ("给不给赔", "能不能赔"), ("鞋个case", "写个case"), ("鞋个申诉", "写个申诉"),
               ("好提的", "能提的"), ("好索赔", "能索赔"), ("不好提", "不能提")]  # Shanghai: 好提的 is 能提的


def in_mandarin(text: str) -> str:
    """``text`` with its dialect words and endings written in Mandarin; words that Mandarin shares (有无, 伊 of 伊朗,
    勿 of 请勿) only in a line that has a word of that dialect of its own."""
    text = _ASKING_MEH.sub("吗", text)
    text = _ASKING_LEI.sub("呢", text)
    text = _ASKING_BU.sub(r"\1吗", text)
    minnan = any(said in text for said, _ in _MINNAN_WORDS)
    if minnan:
        text = _MINNAN_ASKING.sub("吗", text)
    if _WU_MARKER.search(text):
        text = _WU_ASKING.sub("吗", text)
        for said, plain in _WU:
            text = text.replace(said, plain)
        text = re.sub(r"阿拉(?!伯)", "我们", text)
    text = _E_AS_OF.sub("的", _E_AS_I.sub("我", text))
    text = _LIE.sub("了", text)
    for said, plain in (*_CANTONESE, *_MINNAN_WORDS, *(_MINNAN_SHARED if minnan else ()), *_SHAANXI, *_COLLOQUIAL):
        text = text.replace(said, plain)
    return _WUHAN_HOW.sub("怎么样", _ZM.sub("怎么", text))
