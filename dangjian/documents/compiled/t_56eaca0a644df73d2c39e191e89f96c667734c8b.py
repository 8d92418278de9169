from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = None

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_branch = resolve('branch')
    l_0_period_name = resolve('period_name')
    l_0_period_label = resolve('period_label')
    l_0_listed = resolve('listed')
    l_0_due = resolve('due')
    l_0_paid = resolve('paid')
    l_0_all_paid = resolve('all_paid')
    l_0_as_of = resolve('as_of')
    l_0_outstanding_total = resolve('outstanding_total')
    l_0_outstanding = resolve('outstanding')
    l_0_months = resolve('months')
    l_0_rows = resolve('rows')
    l_0_totals = resolve('totals')
    l_0_off_roll_shown = resolve('off_roll_shown')
    l_0_quarterly = resolve('quarterly')
    l_0_notice_from = resolve('notice_from')
    l_0_notice_to = resolve('notice_to')
    l_0_contact = resolve('contact')
    l_0_written_date = resolve('written_date')
    try:
        t_1 = environment.filters['title_lines']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'title_lines' found.")
    pass
    yield '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">\n<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(t_1((undefined(name='title') if l_0_title is missing else l_0_title))))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>为加强党费收缴管理，接受党员监督，现将</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='period_name') if l_0_period_name is missing else l_0_period_name)))
    yield '</w:t></w:r><w:r><w:t>党费收缴情况公示如下：</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='period_label') if l_0_period_label is missing else l_0_period_label)))
    yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='listed') if l_0_listed is missing else l_0_listed)))
    yield '</w:t></w:r><w:r><w:t>名党员应交党费</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='due') if l_0_due is missing else l_0_due)))
    yield '</w:t></w:r><w:r><w:t>元，实交</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='paid') if l_0_paid is missing else l_0_paid)))
    yield '</w:t></w:r><w:r><w:t>元。</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='all_paid') if l_0_all_paid is missing else l_0_all_paid):
        pass
        yield '</w:t></w:r><w:r><w:t>截至</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '</w:t></w:r><w:r><w:t>，全体党员均已按规定交纳党费。</w:t></w:r><w:r><w:t xml:space="preserve">'
    else:
        pass
        yield '</w:t></w:r><w:r><w:t>截至</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '</w:t></w:r><w:r><w:t>，尚有党费</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='outstanding_total') if l_0_outstanding_total is missing else l_0_outstanding_total)))
        yield '</w:t></w:r><w:r><w:t>元未交：</w:t></w:r><w:r><w:t xml:space="preserve">'
        l_1_loop = missing
        for l_1_o, l_1_loop in LoopContext(environment.call(context, environment.counted, (undefined(name='outstanding') if l_0_outstanding is missing else l_0_outstanding)), undefined):
            _loop_vars = {}
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_o, 'name')))
            yield '</w:t></w:r><w:r><w:t>同志</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_o, 'months')))
            yield '</w:t></w:r><w:r><w:t>党费</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_o, 'amount')))
            yield '</w:t></w:r><w:r><w:t>元</w:t></w:r><w:r><w:t xml:space="preserve">'
            if environment.getattr(l_1_loop, 'last'):
                pass
                yield '</w:t></w:r><w:r><w:t>。</w:t></w:r><w:r><w:t xml:space="preserve">'
            else:
                pass
                yield '</w:t></w:r><w:r><w:t>；</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        l_1_loop = l_1_o = missing
        yield '</w:t></w:r><w:r><w:t>请相关同志尽快补交。</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="1106"/><w:gridCol w:w="1106"/><w:gridCol w:w="1106"/><w:gridCol w:w="1106"/><w:gridCol w:w="1106"/><w:gridCol w:w="1106"/><w:gridCol w:w="1106"/><w:gridCol w:w="1106"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>党费类别</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>月应交</w:t></w:r></w:p></w:tc>'
    for l_1_m in environment.call(context, environment.counted, (undefined(name='months') if l_0_months is missing else l_0_months)):
        _loop_vars = {}
        pass
        yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(l_1_m))
        yield '实交</w:t></w:r></w:p></w:tc>'
    l_1_m = missing
    yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>补交、预交说明</w:t></w:r></w:p></w:tc></w:tr>'
    for l_1_r in environment.call(context, environment.counted, (undefined(name='rows') if l_0_rows is missing else l_0_rows)):
        _loop_vars = {}
        pass
        yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'name')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'category')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'monthly')))
        yield '</w:t></w:r></w:p></w:tc>'
        for l_2_p in environment.call(context, environment.counted, environment.getattr(l_1_r, 'paid'), _loop_vars=_loop_vars):
            _loop_vars = {}
            pass
            yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(l_2_p))
            yield '</w:t></w:r></w:p></w:tc>'
        l_2_p = missing
        yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'total')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'note')))
        yield '</w:t></w:r></w:p></w:tc></w:tr>'
    l_1_r = missing
    yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'monthly')))
    yield '</w:t></w:r></w:p></w:tc>'
    for l_1_p in environment.call(context, environment.counted, environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'paid')):
        _loop_vars = {}
        pass
        yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(l_1_p))
        yield '</w:t></w:r></w:p></w:tc>'
    l_1_p = missing
    yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'total')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1106"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr></w:p></w:tc></w:tr></w:tbl>\n<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t>注：金额单位为元</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='off_roll_shown') if l_0_off_roll_shown is missing else l_0_off_roll_shown):
        pass
        yield '</w:t></w:r><w:r><w:t>；“—”表示该月不在本支部</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r><w:r><w:t>。</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='quarterly') if l_0_quarterly is missing else l_0_quarterly):
        pass
        yield '</w:t></w:r><w:r><w:t>经党支部同意按季度交纳的，一个季度的党费在季度内任一月份交齐即可。</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>公示期为</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='notice_from') if l_0_notice_from is missing else l_0_notice_from)))
    yield '</w:t></w:r><w:r><w:t>至</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='notice_to') if l_0_notice_to is missing else l_0_notice_to)))
    yield '</w:t></w:r><w:r><w:t>。党员对公示内容如有疑问，请在公示期内向</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='contact') if l_0_contact is missing else l_0_contact)))
    yield '</w:t></w:r><w:r><w:t>同志反映。</w:t></w:r></w:p>\n<w:p><w:pPr><w:keepNext/></w:pPr></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenSignature"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenDate"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='written_date') if l_0_written_date is missing else l_0_written_date)))
    yield '</w:t></w:r></w:p><w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616"><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="1225" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="579"/></w:sectPr></w:body>'

blocks = {}
debug_info = '2=38&3=40&4=44&7=85&8=89&10=93&11=97&12=99&13=101&14=107&15=111&16=113&19=117&20=123&21=127&23=129&24=137&26=143&27=145'
# Jinja's code for a part of 党费收缴情况公示模板.docx: written by templates/compile_templates.py, do not edit.
