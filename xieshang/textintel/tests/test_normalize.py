from xieshang.textintel.normalize import normalize, strip_html, to_simplified
from xieshang.textintel.pinyin import is_pinyin, strip_pinyin

WEB_PAGE = """首页 > 提案工作 > 正文
当前位置：首页 > 新闻中心
<div class="title">关于加强城市垃圾分类工作的建议</div>
<p>　　当前，全市生活垃圾日产量达１２３４.５吨，同比增长３.２%。</p>
<p>建议：一是加快建设处理设施;二是完善收运体系。</p>
澳门赌场 百家乐 代开发票 办证 刻章 网上赌博 六合彩
版权所有 © 2020 某市政协 ICP备12345678号
首页 | 新闻 | 提案 | 社情民意 | 联系我们 | 网站地图
"""


def test_web_page_keeps_body_paragraphs_and_figures():
    assert normalize(WEB_PAGE) == (
        "关于加强城市垃圾分类工作的建议\n"
        "当前，全市生活垃圾日产量达1234.5吨，同比增长3.2%。\n"
        "建议：一是加快建设处理设施；二是完善收运体系。"
    )


def test_traditional_becomes_simplified():
    assert normalize("關於加強協商民主建設的提案") == "关于加强协商民主建设的提案"


def test_simplified_text_is_returned_unchanged():
    text = "关于加强协商民主建设的提案。\n\n一是完善制度。"
    assert normalize(text) == text
    assert to_simplified(text) is text


def test_pinyin_annotations_are_removed():
    assert normalize("協(xié)商民主是政协的特色（tè sè）。") == "协商民主是政协的特色。"
    assert strip_pinyin("政协(zheng xie)委员") == "政协委员"


def test_parenthesised_latin_that_is_not_pinyin_stays():
    assert normalize("世界卫生组织(WHO)发布报告。") == "世界卫生组织(WHO)发布报告。"
    assert not is_pinyin("app")
    assert is_pinyin("xiéshāng")


def test_full_width_letters_digits_fold_but_chinese_punctuation_stays():
    assert normalize("ＡＢＣ公司，２０２４年") == "ABC公司，2024年"


def test_punctuation_is_unified_without_touching_numbers():
    assert (
        normalize('价格为1,000元,增长3.5%。他说:"好的..."')
        == "价格为1,000元，增长3.5%。他说：“好的……”"
    )


def test_html_entities_and_stray_markup_go():
    assert strip_html("a&nbsp;b &amp; c [img]x.png[/img] <!-- x -->") == "a\xa0b & c x.png "
    assert normalize("<script>var a=1;</script><b>提案</b>&lt;正文&gt;") == "提案<正文>"


def test_keyword_line_related_to_the_body_stays():
    text = "关于加强垃圾分类的建议\n关键词 垃圾分类 收运体系 处理设施 宣传 教育\n垃圾分类处理设施和收运体系要加强宣传教育。"
    assert normalize(text) == text


def test_empty_text():
    assert normalize("") == ""


def test_boilerplate_found_by_a_match_that_spans_lines():
    # The whole-text scan matches 字体：\n【大 across the line break; the 【大 中 小】 line must
    # still be checked on its own and dropped.
    text = "正文开始。\n字体：\n【大 中 小】\n首页\n> 新闻\n正文结束。"
    assert normalize(text) == "正文开始。\n字体：\n首页\n新闻\n正文结束。"


def test_spam_line_unrelated_to_the_body_goes():
    text = "关于道路的建议\n澳门赌场 百家乐 代开发票 办证 刻章\n道路需要修补。"
    assert normalize(text) == "关于道路的建议\n道路需要修补。"


def test_full_width_runs_fold_inside_chinese_text():
    assert normalize("共计１２３户，Ｗｉ－Ｆｉ覆盖") == "共计123户，Wi－Fi覆盖"


def test_text_pasted_from_word_keeps_its_lines_and_figures():
    # Word pastes its Symbol-font bullet as a private-use character and a tab, its manual line
    # break as \v, and some editors write full-width figures (２０．５％, ８：３０).
    pasted = (
        "\u3000\u3000一、现状\u00ad与问题\r\n"
        "\uf0b7\t老人占比达２０．５％\u2028上午８：３０开会\x0b比例为３：２\r\n"
        "\u200e签名：张三\u202f\r\n"
    )
    assert normalize(pasted) == (
        "一、现状与问题\n• 老人占比达20.5%\n上午8:30开会\n比例为3:2\n签名：张三"
    )


def test_figures_typed_full_width_match_their_half_width_form():
    assert normalize("增长２０．５％，时间８：３０") == normalize("增长20.5%，时间8:30")
    # A full-width colon that is not between digits is punctuation and stays.
    assert normalize("第一：完善制度，2：时间") == "第一：完善制度，2：时间"


def test_layout_alone_is_not_a_change_worth_keeping_the_original_for():
    from xieshang.textintel.normalize import only_layout_differs

    typed = "第一段情况。\r\n\r\n\r\n  第二段分析。  \r\n一是加强。"
    assert only_layout_differs(typed, normalize(typed))
    pasted = "第一段情况。\r\n\uf0b7\t一是加强，增长２０％。"
    assert not only_layout_differs(pasted, normalize(pasted))


def test_html_saved_with_windows_line_endings_has_no_extra_blank_lines():
    assert normalize("<p>第一段。</p>\r\n<p>第二段。</p>\r\n") == "第一段。\n第二段。"
