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
    l_0_name = resolve('name')
    l_0_subject = resolve('subject')
    l_0_headers = resolve('headers')
    l_0_row = resolve('row')
    l_0_sponsors = resolve('sponsors')
    l_0_notice_from = resolve('notice_from')
    l_0_notice_to = resolve('notice_to')
    l_0_min_days = resolve('min_days')
    l_0_superior = resolve('superior')
    l_0_branch_phone = resolve('branch_phone')
    l_0_superior_phone = resolve('superior_phone')
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
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>经</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r><w:r><w:t>委员会研究，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='name') if l_0_name is missing else l_0_name)))
    yield '</w:t></w:r><w:r><w:t>同志</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='subject') if l_0_subject is missing else l_0_subject)))
    yield '</w:t></w:r><w:r><w:t>。根据发展党员工作有关规定，现将有关情况公示如下：</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="983"/><w:gridCol w:w="983"/><w:gridCol w:w="983"/><w:gridCol w:w="983"/><w:gridCol w:w="983"/><w:gridCol w:w="983"/><w:gridCol w:w="983"/><w:gridCol w:w="983"/><w:gridCol w:w="983"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>性别</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>出生年月</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>民族</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>学历</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>工作单位及职务</w:t></w:r></w:p></w:tc>'
    for l_1_h in environment.call(context, environment.counted, (undefined(name='headers') if l_0_headers is missing else l_0_headers)):
        _loop_vars = {}
        pass
        yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(l_1_h))
        yield '</w:t></w:r></w:p></w:tc>'
    l_1_h = missing
    yield '</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='row') if l_0_row is missing else l_0_row), 'name')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='row') if l_0_row is missing else l_0_row), 'gender')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='row') if l_0_row is missing else l_0_row), 'birth')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='row') if l_0_row is missing else l_0_row), 'ethnicity')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='row') if l_0_row is missing else l_0_row), 'education')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='row') if l_0_row is missing else l_0_row), 'workplace')))
    yield '</w:t></w:r></w:p></w:tc>'
    for l_1_d in environment.call(context, environment.counted, environment.getattr((undefined(name='row') if l_0_row is missing else l_0_row), 'dates')):
        _loop_vars = {}
        pass
        yield '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="983"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(l_1_d))
        yield '</w:t></w:r></w:p></w:tc>'
    l_1_d = missing
    yield '</w:tr></w:tbl>'
    if (undefined(name='sponsors') if l_0_sponsors is missing else l_0_sponsors):
        pass
        yield '\n<w:p><w:pPr/><w:r><w:t>入党介绍人：</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='sponsors') if l_0_sponsors is missing else l_0_sponsors)))
        yield '</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>'
    yield '\n<w:p><w:pPr/><w:r><w:t>公示期</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='notice_from') if l_0_notice_from is missing else l_0_notice_from):
        pass
        yield '</w:t></w:r><w:r><w:t>为</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='notice_from') if l_0_notice_from is missing else l_0_notice_from)))
        yield '</w:t></w:r><w:r><w:t>至</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='notice_to') if l_0_notice_to is missing else l_0_notice_to)))
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    else:
        pass
        yield '</w:t></w:r><w:r><w:t>不少于</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='min_days') if l_0_min_days is missing else l_0_min_days)))
        yield '</w:t></w:r><w:r><w:t>天</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r><w:r><w:t>。公示期间，党员和群众对</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='name') if l_0_name is missing else l_0_name)))
    yield '</w:t></w:r><w:r><w:t>同志如有意见，可通过来信、来电、来访等方式向</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='superior') if l_0_superior is missing else l_0_superior):
        pass
        yield '</w:t></w:r><w:r><w:t>或</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='superior') if l_0_superior is missing else l_0_superior)))
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r><w:r><w:t>反映。反映问题应实事求是，提倡署真实姓名。</w:t></w:r><w:r><w:t xml:space="preserve">'
    if ((undefined(name='branch_phone') if l_0_branch_phone is missing else l_0_branch_phone) or (undefined(name='superior_phone') if l_0_superior_phone is missing else l_0_superior_phone)):
        pass
        yield '</w:t></w:r><w:r><w:t>联系电话：</w:t></w:r><w:r><w:t xml:space="preserve">'
        if (undefined(name='branch_phone') if l_0_branch_phone is missing else l_0_branch_phone):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='branch_phone') if l_0_branch_phone is missing else l_0_branch_phone)))
            yield '</w:t></w:r><w:r><w:t>（党支部）</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        if ((undefined(name='branch_phone') if l_0_branch_phone is missing else l_0_branch_phone) and (undefined(name='superior_phone') if l_0_superior_phone is missing else l_0_superior_phone)):
            pass
            yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        if (undefined(name='superior_phone') if l_0_superior_phone is missing else l_0_superior_phone):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='superior_phone') if l_0_superior_phone is missing else l_0_superior_phone)))
            yield '</w:t></w:r><w:r><w:t>（上级党委）</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t>。</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr><w:keepNext/></w:pPr></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenSignature"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenDate"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='written_date') if l_0_written_date is missing else l_0_written_date)))
    yield '</w:t></w:r></w:p><w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616"><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="1225" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="579"/></w:sectPr></w:body>'

blocks = {}
debug_info = '2=32&3=34&9=40&10=44&11=48&12=50&13=52&14=54&15=56&16=58&17=64&18=71&19=74&21=117&22=119'
# Jinja's code for a part of 发展党员公示模板.docx: written by templates/compile_templates.py, do not edit.
