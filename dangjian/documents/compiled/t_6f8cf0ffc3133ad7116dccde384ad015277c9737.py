from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = None

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_leadership = resolve('leadership')
    l_0_branch = resolve('branch')
    l_0_goal = resolve('goal')
    l_0_period_label = resolve('period_label')
    l_0_membership = resolve('membership')
    l_0_key_meetings = resolve('key_meetings')
    l_0_ideology = resolve('ideology')
    l_0_development = resolve('development')
    l_0_life = resolve('life')
    l_0_dues = resolve('dues')
    l_0_disclosure = resolve('disclosure')
    l_0_service = resolve('service')
    l_0_position = resolve('position')
    l_0_work_plan = resolve('work_plan')
    l_0_system_usage = resolve('system_usage')
    l_0_election = resolve('election')
    l_0_h1 = resolve('h1')
    l_0_h2 = resolve('h2')
    l_0_year = resolve('year')
    l_0_problems = resolve('problems')
    l_0_plans = resolve('plans')
    l_0_plans_intro = resolve('plans_intro')
    l_0_written_date = resolve('written_date')
    try:
        t_1 = environment.filters['sentence']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'sentence' found.")
    try:
        t_2 = environment.filters['title_lines']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'title_lines' found.")
    pass
    yield '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">\n<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(t_2((undefined(name='title') if l_0_title is missing else l_0_title))))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>今年以来，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='leadership') if l_0_leadership is missing else l_0_leadership)))
    yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r><w:r><w:t>立足实际，以政治建设为统领，以落实全面从严治党主体责任为主线，以规范党内政治生活为重点，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='goal') if l_0_goal is missing else l_0_goal)))
    yield '</w:t></w:r><w:r><w:t>以提高党员干部素质为根本，全力夯实党建工作基础，创新党建工作方法，全面提升党建工作水平，党建工作取得了一定成绩，现将</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='period_label') if l_0_period_label is missing else l_0_period_label)))
    yield '</w:t></w:r><w:r><w:t>党建工作简要报告如下：</w:t></w:r></w:p>'
    if ((((((((((((undefined(name='membership') if l_0_membership is missing else l_0_membership) or (undefined(name='key_meetings') if l_0_key_meetings is missing else l_0_key_meetings)) or (undefined(name='ideology') if l_0_ideology is missing else l_0_ideology)) or (undefined(name='development') if l_0_development is missing else l_0_development)) or (undefined(name='life') if l_0_life is missing else l_0_life)) or (undefined(name='dues') if l_0_dues is missing else l_0_dues)) or (undefined(name='disclosure') if l_0_disclosure is missing else l_0_disclosure)) or (undefined(name='service') if l_0_service is missing else l_0_service)) or (undefined(name='position') if l_0_position is missing else l_0_position)) or (undefined(name='work_plan') if l_0_work_plan is missing else l_0_work_plan)) or (undefined(name='system_usage') if l_0_system_usage is missing else l_0_system_usage)) or (undefined(name='election') if l_0_election is missing else l_0_election)):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>党支部工作开展落实情况</w:t></w:r></w:p>'
        if (undefined(name='membership') if l_0_membership is missing else l_0_membership):
            pass
            yield '\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='membership') if l_0_membership is missing else l_0_membership), 'text')))
            yield '</w:t></w:r></w:p>'
        for l_1_m in environment.call(context, environment.counted, (undefined(name='key_meetings') if l_0_key_meetings is missing else l_0_key_meetings)):
            _loop_vars = {}
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2), _loop_vars=_loop_vars)))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'heading')))
            yield '</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_m, 'opening')))
            yield '</w:t></w:r></w:p>'
            for l_2_text in environment.call(context, environment.counted, environment.getattr(l_1_m, 'paragraphs'), _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
                yield escape(environment.finalize(l_2_text))
                yield '</w:t></w:r></w:p>'
            l_2_text = missing
        l_1_m = missing
        if (undefined(name='ideology') if l_0_ideology is missing else l_0_ideology):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>意识形态工作开展情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>严格落实意识形态工作责任制。始终坚持牢牢把握党对意识形态工作的领导权，持续将意识形态领域新思想纳入支部学习计划。强化意识形态安全，加强对工作群和公众号平台等阵地的管理。</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='ideology') if l_0_ideology is missing else l_0_ideology), 'text')))
            yield '</w:t></w:r></w:p>'
        if (undefined(name='development') if l_0_development is missing else l_0_development):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>发展党员工作情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='development') if l_0_development is missing else l_0_development), 'text')))
            yield '</w:t></w:r></w:p>'
        if (undefined(name='life') if l_0_life is missing else l_0_life):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>三会一课制度落实情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='life') if l_0_life is missing else l_0_life), 'text')))
            yield '</w:t></w:r></w:p>'
        if (undefined(name='dues') if l_0_dues is missing else l_0_dues):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>党费收缴制度落实情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'practice')))
            yield '</w:t></w:r><w:r><w:t>，同时做好党费收缴记录工作，做到有据可查、有迹可循，</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'result')))
            yield '</w:t></w:r></w:p>'
        if (undefined(name='disclosure') if l_0_disclosure is missing else l_0_disclosure):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>党务公开制度落实情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='disclosure') if l_0_disclosure is missing else l_0_disclosure), 'text')))
            yield '</w:t></w:r></w:p>'
        if (undefined(name='service') if l_0_service is missing else l_0_service):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>“双报告、双服务、双报到”志愿服务活动开展情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='service') if l_0_service is missing else l_0_service)))
            yield '</w:t></w:r><w:r><w:t>将“双报告、双服务、双报到”志愿服务活动做好、做真、做实。</w:t></w:r></w:p>'
        if (undefined(name='position') if l_0_position is missing else l_0_position):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>党建阵地建设开展情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='position') if l_0_position is missing else l_0_position)))
            yield '</w:t></w:r><w:r><w:t>作为党建阵地，召开党会，学习文件内容，传达上级党委要求。</w:t></w:r></w:p>'
        if (undefined(name='work_plan') if l_0_work_plan is missing else l_0_work_plan):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='year') if l_0_year is missing else l_0_year)))
            yield '</w:t></w:r><w:r><w:t>年党建工作安排</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(t_1((undefined(name='work_plan') if l_0_work_plan is missing else l_0_work_plan))))
            yield '</w:t></w:r><w:r><w:t>按工作要点安排党建工作。</w:t></w:r></w:p>'
        if (undefined(name='system_usage') if l_0_system_usage is missing else l_0_system_usage):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>党统系统使用情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(t_1((undefined(name='system_usage') if l_0_system_usage is missing else l_0_system_usage))))
            yield '</w:t></w:r></w:p>'
        if (undefined(name='election') if l_0_election is missing else l_0_election):
            pass
            yield '\n<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2))))
            yield '</w:t></w:r><w:r><w:t>党组织换届选举情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='election') if l_0_election is missing else l_0_election), 'text')))
            yield '</w:t></w:r></w:p>'
    if (undefined(name='problems') if l_0_problems is missing else l_0_problems):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>存在的问题</w:t></w:r></w:p>'
        for l_1_p in environment.call(context, environment.counted, (undefined(name='problems') if l_0_problems is missing else l_0_problems)):
            _loop_vars = {}
            pass
            yield '\n<w:p><w:pPr/><w:r><w:rPr><w:rStyle w:val="LeadIn"/></w:rPr><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2), _loop_vars=_loop_vars)))
            yield '</w:t></w:r><w:r><w:rPr><w:rStyle w:val="LeadIn"/></w:rPr><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_p, 'title')))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_p, 'content')))
            yield '</w:t></w:r></w:p>'
        l_1_p = missing
    if (undefined(name='plans') if l_0_plans is missing else l_0_plans):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>下步工作打算</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='plans_intro') if l_0_plans_intro is missing else l_0_plans_intro)))
        yield '</w:t></w:r></w:p>'
        for l_1_p in environment.call(context, environment.counted, (undefined(name='plans') if l_0_plans is missing else l_0_plans)):
            _loop_vars = {}
            pass
            yield '\n<w:p><w:pPr/><w:r><w:rPr><w:rStyle w:val="LeadIn"/></w:rPr><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.call(context, (undefined(name='h2') if l_0_h2 is missing else l_0_h2), _loop_vars=_loop_vars)))
            yield '</w:t></w:r><w:r><w:rPr><w:rStyle w:val="LeadIn"/></w:rPr><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_p, 'title')))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_p, 'content')))
            yield '</w:t></w:r></w:p>'
        l_1_p = missing
    yield '\n<w:p><w:pPr><w:keepNext/></w:pPr></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenSignature"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branch') if l_0_branch is missing else l_0_branch)))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenDate"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='written_date') if l_0_written_date is missing else l_0_written_date)))
    yield '</w:t></w:r></w:p><w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616"><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="1225" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="579"/></w:sectPr></w:body>'

blocks = {}
debug_info = '2=48&3=50&4=61&5=66&6=72&7=76&8=82&9=89&10=91&11=96&12=98&13=103&14=105&15=110&16=112&17=119&18=121&19=126&20=128&21=133&22=135&23=140&24=144&25=149&26=151&27=156&28=158&29=163&30=169&31=179&32=181&33=187&35=195&36=197'
# Jinja's code for a part of 工作报告模板.docx: written by templates/compile_templates.py, do not edit.
