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
    l_0_year = resolve('year')
    l_0_h1 = resolve('h1')
    l_0_as_of = resolve('as_of')
    l_0_members = resolve('members')
    l_0_paid_members = resolve('paid_members')
    l_0_full_members = resolve('full_members')
    l_0_whole_year = resolve('whole_year')
    l_0_due = resolve('due')
    l_0_paid = resolve('paid')
    l_0_rate = resolve('rate')
    l_0_rows = resolve('rows')
    l_0_totals = resolve('totals')
    l_0_all_paid = resolve('all_paid')
    l_0_outstanding_total = resolve('outstanding_total')
    l_0_outstanding = resolve('outstanding')
    l_0_remitted = resolve('remitted')
    l_0_remitted_on = resolve('remitted_on')
    l_0_superior = resolve('superior')
    l_0_basis = resolve('basis')
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
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>为向党员公布党费收缴情况、接受党员监督，现将</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='year') if l_0_year is missing else l_0_year)))
    yield '</w:t></w:r><w:r><w:t>年度党费收缴情况报告如下：</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
    yield '</w:t></w:r><w:r><w:t>党费收缴情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>截至</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='members') if l_0_members is missing else l_0_members)))
    yield '</w:t></w:r><w:r><w:t>名党员在</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='year') if l_0_year is missing else l_0_year)))
    yield '</w:t></w:r><w:r><w:t>年应交纳党费，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='paid_members') if l_0_paid_members is missing else l_0_paid_members)))
    yield '</w:t></w:r><w:r><w:t>名交纳了党费，其中</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='full_members') if l_0_full_members is missing else l_0_full_members)))
    yield '</w:t></w:r><w:r><w:t>名已全部交清。</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='whole_year') if l_0_whole_year is missing else l_0_whole_year):
        pass
        yield '</w:t></w:r><w:r><w:t>全年</w:t></w:r><w:r><w:t xml:space="preserve">'
    else:
        pass
        yield '</w:t></w:r><w:r><w:t>已到期的</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r><w:r><w:t>应交党费</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='due') if l_0_due is missing else l_0_due)))
    yield '</w:t></w:r><w:r><w:t>元，实交</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='paid') if l_0_paid is missing else l_0_paid)))
    yield '</w:t></w:r><w:r><w:t>元</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='rate') if l_0_rate is missing else l_0_rate):
        pass
        yield '</w:t></w:r><w:r><w:t>，收缴率</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='rate') if l_0_rate is missing else l_0_rate)))
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r><w:r><w:t>。各党员交纳情况如下表（金额单位：元）：</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="1264"/><w:gridCol w:w="1264"/><w:gridCol w:w="1264"/><w:gridCol w:w="1264"/><w:gridCol w:w="1264"/><w:gridCol w:w="1264"/><w:gridCol w:w="1264"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>党费类别</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>月应交</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>应交月数</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>应交</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>实交</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>未交</w:t></w:r></w:p></w:tc></w:tr>'
    for l_1_r in environment.call(context, environment.counted, (undefined(name='rows') if l_0_rows is missing else l_0_rows)):
        _loop_vars = {}
        pass
        yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'name')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'category')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'monthly')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'months')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'due')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'paid')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_r, 'outstanding')))
        yield '</w:t></w:r></w:p></w:tc></w:tr>'
    l_1_r = missing
    yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'due')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'paid')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1264"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='totals') if l_0_totals is missing else l_0_totals), 'outstanding')))
    yield '</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
    yield '</w:t></w:r><w:r><w:t>欠交党费情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
    if (undefined(name='all_paid') if l_0_all_paid is missing else l_0_all_paid):
        pass
        yield '</w:t></w:r><w:r><w:t>全体党员均已按规定交清</w:t></w:r><w:r><w:t xml:space="preserve">'
        if (undefined(name='whole_year') if l_0_whole_year is missing else l_0_whole_year):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='year') if l_0_year is missing else l_0_year)))
            yield '</w:t></w:r><w:r><w:t>年</w:t></w:r><w:r><w:t xml:space="preserve">'
        else:
            pass
            yield '</w:t></w:r><w:r><w:t>已到期的</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t>党费，没有欠交。</w:t></w:r><w:r><w:t xml:space="preserve">'
    else:
        pass
        yield '</w:t></w:r><w:r><w:t>尚有党费</w:t></w:r><w:r><w:t xml:space="preserve">'
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
        yield '</w:t></w:r><w:r><w:t>党支部已提醒相关同志尽快补交，补交的时间一般不超过6个月。</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r></w:p>'
    if (undefined(name='remitted') if l_0_remitted is missing else l_0_remitted):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>党费上缴情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
        if (undefined(name='remitted_on') if l_0_remitted_on is missing else l_0_remitted_on):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='remitted_on') if l_0_remitted_on is missing else l_0_remitted_on)))
            yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t>党支部向</w:t></w:r><w:r><w:t xml:space="preserve">'
        if (undefined(name='superior') if l_0_superior is missing else l_0_superior):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='superior') if l_0_superior is missing else l_0_superior)))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        else:
            pass
            yield '</w:t></w:r><w:r><w:t>上级党委</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t>上缴党费</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='remitted') if l_0_remitted is missing else l_0_remitted)))
        yield '</w:t></w:r><w:r><w:t>元。</w:t></w:r></w:p>'
    yield '\n<w:p><w:pPr/><w:r><w:t>依据：</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='basis') if l_0_basis is missing else l_0_basis)))
    yield '</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>\n<w:p><w:pPr><w:keepNext/></w:pPr></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenSignature"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenDate"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='written_date') if l_0_written_date is missing else l_0_written_date)))
    yield '</w:t></w:r></w:p><w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616"><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="1225" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="579"/></w:sectPr></w:body>'

blocks = {}
debug_info = '2=40&3=42&4=46&5=48&12=75&13=79&14=81&15=83&16=85&17=87&18=89&19=91&24=95&25=97&26=99&27=101&28=103&29=144&30=146&31=164&33=166&34=168'
# Jinja's code for a part of 党费收缴情况报告模板.docx: written by templates/compile_templates.py, do not edit.
