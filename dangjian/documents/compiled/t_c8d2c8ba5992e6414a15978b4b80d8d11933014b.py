from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = None

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_person = resolve('person')
    l_0_mentors = resolve('mentors')
    l_0_sponsors = resolve('sponsors')
    l_0_as_of = resolve('as_of')
    l_0_stage = resolve('stage')
    l_0_next = resolve('next')
    l_0_missed = resolve('missed')
    l_0_steps = resolve('steps')
    l_0_short_rules = resolve('short_rules')
    l_0_rules = resolve('rules')
    l_0_branch = resolve('branch')
    l_0_written_date = resolve('written_date')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['title_lines']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'title_lines' found.")
    pass
    yield '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">\n<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(t_2((undefined(name='title') if l_0_title is missing else l_0_title))))
    yield '</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="1474"/><w:gridCol w:w="1474"/><w:gridCol w:w="1474"/><w:gridCol w:w="1474"/><w:gridCol w:w="1474"/><w:gridCol w:w="1474"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>性别</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>出生年月</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>民族</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>学历</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>工作单位及职务</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'name')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'gender')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'birth')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'ethnicity')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'education')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'workplace')))
    yield '</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\n<w:p><w:pPr/><w:r><w:t>培养联系人：</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(((undefined(name='mentors') if l_0_mentors is missing else l_0_mentors) or '未填写')))
    yield '</w:t></w:r><w:r><w:t>；入党介绍人：</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(((undefined(name='sponsors') if l_0_sponsors is missing else l_0_sponsors) or '未填写')))
    yield '</w:t></w:r><w:r><w:t>。截至</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'name')))
    yield '</w:t></w:r><w:r><w:t>同志为</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='stage') if l_0_stage is missing else l_0_stage)))
    yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='next') if l_0_next is missing else l_0_next):
        pass
        yield '</w:t></w:r><w:r><w:t>，下一步为</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='next') if l_0_next is missing else l_0_next)))
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r><w:r><w:t>。</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='missed') if l_0_missed is missing else l_0_missed):
        pass
        yield '</w:t></w:r><w:r><w:t>未在期限内完成：</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(t_1(context.eval_ctx, (undefined(name='missed') if l_0_missed is missing else l_0_missed), '、')))
        yield '</w:t></w:r><w:r><w:t>。</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="2211"/><w:gridCol w:w="2211"/><w:gridCol w:w="2211"/><w:gridCol w:w="2211"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>步骤</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>日期</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableHeading"/></w:pPr><w:r><w:t>时间要求和依据说明</w:t></w:r></w:p></w:tc></w:tr>'
    for l_1_s in environment.call(context, environment.counted, (undefined(name='steps') if l_0_steps is missing else l_0_steps)):
        _loop_vars = {}
        pass
        yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_s, 'number')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_s, 'name')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_s, 'date')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2211"/><w:vAlign w:val="center"/></w:tcPr>\n<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t xml:space="preserve">'
        if environment.getattr(l_1_s, 'window'):
            pass
            yield escape(environment.finalize(environment.getattr(l_1_s, 'window')))
            yield '。'
        yield '依据：'
        yield escape(environment.finalize(environment.getattr(l_1_s, 'basis')))
        yield '</w:t></w:r></w:p></w:tc></w:tr>'
    l_1_s = missing
    yield '</w:tbl>\n<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t>注：</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='short_rules') if l_0_short_rules is missing else l_0_short_rules)))
    yield '</w:t></w:r><w:r><w:t>即</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='rules') if l_0_rules is missing else l_0_rules)))
    yield '</w:t></w:r><w:r><w:t>；日期未填写的步骤尚未进行。</w:t></w:r></w:p>\n<w:p><w:pPr><w:keepNext/></w:pPr></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenSignature"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenDate"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='written_date') if l_0_written_date is missing else l_0_written_date)))
    yield '</w:t></w:r></w:p><w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616"><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="1225" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="579"/></w:sectPr></w:body>'

blocks = {}
debug_info = '2=37&9=39&10=41&11=43&12=45&13=47&14=49&15=51&19=73&20=77&21=79&22=81&23=83&24=92&26=96&27=98'
# Jinja's code for a part of 发展党员工作纪实表模板.docx: written by templates/compile_templates.py, do not edit.
