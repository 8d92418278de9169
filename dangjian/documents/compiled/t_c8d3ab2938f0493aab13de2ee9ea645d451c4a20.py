from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = None

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_period_name = resolve('period_name')
    l_0_signer = resolve('signer')
    l_0_branches = resolve('branches')
    l_0_h1 = resolve('h1')
    l_0_as_of = resolve('as_of')
    l_0_members = resolve('members')
    l_0_full_members = resolve('full_members')
    l_0_probationary = resolve('probationary')
    l_0_joined = resolve('joined')
    l_0_left = resolve('left')
    l_0_unreadable = resolve('unreadable')
    l_0_other_periods = resolve('other_periods')
    l_0_life = resolve('life')
    l_0_meetings_rate = resolve('meetings_rate')
    l_0_meetings_met = resolve('meetings_met')
    l_0_dues = resolve('dues')
    l_0_development = resolve('development')
    l_0_elections = resolve('elections')
    l_0_term_ended = resolve('term_ended')
    l_0_term_ending = resolve('term_ending')
    l_0_missing = resolve('missing')
    l_0_table = resolve('table')
    l_0_written_date = resolve('written_date')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['title_lines']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'title_lines' found.")
    pass
    yield '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">\n<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(t_2((undefined(name='title') if l_0_title is missing else l_0_title))))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='period_name') if l_0_period_name is missing else l_0_period_name)))
    yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='signer') if l_0_signer is missing else l_0_signer)))
    yield '</w:t></w:r><w:r><w:t>所属</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branches') if l_0_branches is missing else l_0_branches)))
    yield '</w:t></w:r><w:r><w:t>个党支部按照《中国共产党支部工作条例（试行）》和党费收缴、发展党员工作的有关规定，逐项填报了党支部工作台账。根据各党支部台账校验汇总的结果，现将</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='period_name') if l_0_period_name is missing else l_0_period_name)))
    yield '</w:t></w:r><w:r><w:t>党支部工作情况报告如下。</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
    yield '</w:t></w:r><w:r><w:t>党支部和党员基本情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>截至</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield '</w:t></w:r><w:r><w:t>，共有党支部</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='branches') if l_0_branches is missing else l_0_branches)))
    yield '</w:t></w:r><w:r><w:t>个，党员</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='members') if l_0_members is missing else l_0_members)))
    yield '</w:t></w:r><w:r><w:t>名，其中正式党员</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='full_members') if l_0_full_members is missing else l_0_full_members)))
    yield '</w:t></w:r><w:r><w:t>名、预备党员</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='probationary') if l_0_probationary is missing else l_0_probationary)))
    yield '</w:t></w:r><w:r><w:t>名。本期入党、转入</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='joined') if l_0_joined is missing else l_0_joined)))
    yield '</w:t></w:r><w:r><w:t>名，转出</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='left') if l_0_left is missing else l_0_left)))
    yield '</w:t></w:r><w:r><w:t>名。</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='unreadable') if l_0_unreadable is missing else l_0_unreadable):
        pass
        yield '</w:t></w:r><w:r><w:t>另有</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='unreadable') if l_0_unreadable is missing else l_0_unreadable)))
        yield '</w:t></w:r><w:r><w:t>个台账文件无法读取，未计入汇总，已在汇总表“问题清单”中列出。</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
    if (undefined(name='other_periods') if l_0_other_periods is missing else l_0_other_periods):
        pass
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='other_periods') if l_0_other_periods is missing else l_0_other_periods)))
        yield '</w:t></w:r><w:r><w:t>个党支部的报告期间与</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize((undefined(name='period_name') if l_0_period_name is missing else l_0_period_name)))
        yield '</w:t></w:r><w:r><w:t>不同，其数字按各自的报告期间计入。</w:t></w:r><w:r><w:t xml:space="preserve">'
    yield '</w:t></w:r></w:p>'
    if (undefined(name='life') if l_0_life is missing else l_0_life):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>三会一课制度落实情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
        if (undefined(name='meetings_rate') if l_0_meetings_rate is missing else l_0_meetings_rate):
            pass
            yield '</w:t></w:r><w:r><w:t>按月、按季度应开的党员大会、支部委员会、党小组会和党课，完成率为</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='meetings_rate') if l_0_meetings_rate is missing else l_0_meetings_rate)))
            yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='meetings_met') if l_0_meetings_met is missing else l_0_meetings_met)))
            yield '</w:t></w:r><w:r><w:t>个党支部全部按要求召开。</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r></w:p>'
        for l_1_it in environment.call(context, environment.counted, (undefined(name='life') if l_0_life is missing else l_0_life)):
            _loop_vars = {}
            pass
            yield '\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_it, 'name')))
            yield '</w:t></w:r><w:r><w:t>应</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_it, 'verb')))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_it, 'owed')))
            yield '</w:t></w:r><w:r><w:t>次，实际</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_it, 'verb')))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_it, 'held')))
            yield '</w:t></w:r><w:r><w:t>次，</w:t></w:r><w:r><w:t xml:space="preserve">'
            if environment.getattr(l_1_it, 'short'):
                pass
                yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
                yield escape(environment.finalize(environment.getattr(l_1_it, 'met')))
                yield '</w:t></w:r><w:r><w:t>个党支部按要求完成，</w:t></w:r><w:r><w:t xml:space="preserve">'
                yield escape(environment.finalize(environment.getattr(l_1_it, 'short')))
                yield '</w:t></w:r><w:r><w:t>个党支部未完成。</w:t></w:r><w:r><w:t xml:space="preserve">'
            else:
                pass
                yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
                yield escape(environment.finalize(environment.getattr(l_1_it, 'met')))
                yield '</w:t></w:r><w:r><w:t>个党支部全部按要求完成。</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield '</w:t></w:r></w:p>'
        l_1_it = missing
    if (undefined(name='dues') if l_0_dues is missing else l_0_dues):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>党费收缴情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>截至</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'as_of')))
        yield '</w:t></w:r><w:r><w:t>，</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'members')))
        yield '</w:t></w:r><w:r><w:t>名党员应交党费</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'due')))
        yield '</w:t></w:r><w:r><w:t>元，实交</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'paid')))
        yield '</w:t></w:r><w:r><w:t>元</w:t></w:r><w:r><w:t xml:space="preserve">'
        if environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'rate'):
            pass
            yield '</w:t></w:r><w:r><w:t>，收缴率</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'rate')))
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t>。</w:t></w:r><w:r><w:t xml:space="preserve">'
        if environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'behind'):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'all_paid')))
            yield '</w:t></w:r><w:r><w:t>个党支部党员全部按时足额交纳；</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'behind')))
            yield '</w:t></w:r><w:r><w:t>名党员未交足，共</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'outstanding')))
            yield '</w:t></w:r><w:r><w:t>元，涉及</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'branches_behind')))
            yield '</w:t></w:r><w:r><w:t>个党支部。</w:t></w:r><w:r><w:t xml:space="preserve">'
        else:
            pass
            yield '</w:t></w:r><w:r><w:t>各党支部党员全部足额交纳。</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r></w:p>'
    if (undefined(name='development') if l_0_development is missing else l_0_development):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>发展党员工作情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='development') if l_0_development is missing else l_0_development), 'lead')))
        yield '</w:t></w:r><w:r><w:t>共有</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='development') if l_0_development is missing else l_0_development), 'applicants')))
        yield '</w:t></w:r><w:r><w:t>人递交入党申请书，确定入党积极分子</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='development') if l_0_development is missing else l_0_development), 'activists')))
        yield '</w:t></w:r><w:r><w:t>名、发展对象</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='development') if l_0_development is missing else l_0_development), 'candidates')))
        yield '</w:t></w:r><w:r><w:t>名，接收预备党员</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='development') if l_0_development is missing else l_0_development), 'probationary')))
        yield '</w:t></w:r><w:r><w:t>名，预备党员转为正式党员</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr((undefined(name='development') if l_0_development is missing else l_0_development), 'full')))
        yield '</w:t></w:r><w:r><w:t>名。</w:t></w:r></w:p>'
    if (((undefined(name='elections') if l_0_elections is missing else l_0_elections) or (undefined(name='term_ended') if l_0_term_ended is missing else l_0_term_ended)) or (undefined(name='term_ending') if l_0_term_ending is missing else l_0_term_ending)):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>党组织换届情况</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
        if (undefined(name='elections') if l_0_elections is missing else l_0_elections):
            pass
            yield '</w:t></w:r><w:r><w:t>本期</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='elections') if l_0_elections is missing else l_0_elections)))
            yield '</w:t></w:r><w:r><w:t>个党支部进行了换届选举。</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        if (undefined(name='term_ended') if l_0_term_ended is missing else l_0_term_ended):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='term_ended') if l_0_term_ended is missing else l_0_term_ended)))
            yield '</w:t></w:r><w:r><w:t>支委会任期已届满，应及时换届。</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
        if (undefined(name='term_ending') if l_0_term_ending is missing else l_0_term_ending):
            pass
            yield '</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize((undefined(name='term_ending') if l_0_term_ending is missing else l_0_term_ending)))
            yield '</w:t></w:r><w:r><w:t>支委会任期即将届满，应提前做好换届准备。</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield '</w:t></w:r></w:p>'
    if (undefined(name='missing') if l_0_missing is missing else l_0_missing):
        pass
        yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
        yield '</w:t></w:r><w:r><w:t>存在缺项的党支部</w:t></w:r></w:p>\n<w:p><w:pPr/><w:r><w:t>以下</w:t></w:r><w:r><w:t xml:space="preserve">'
        yield escape(environment.finalize(t_1((undefined(name='missing') if l_0_missing is missing else l_0_missing))))
        yield '</w:t></w:r><w:r><w:t>个党支部存在缺项，请督促其逐项整改（具体位置见汇总表“问题清单”）：</w:t></w:r></w:p>'
        for l_1_b in environment.call(context, environment.counted, (undefined(name='missing') if l_0_missing is missing else l_0_missing)):
            _loop_vars = {}
            pass
            yield '\n<w:p><w:pPr/><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_b, 'number')))
            yield '</w:t></w:r><w:r><w:t>．</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_b, 'name')))
            yield '</w:t></w:r><w:r><w:t>：</w:t></w:r><w:r><w:t xml:space="preserve">'
            yield escape(environment.finalize(environment.getattr(l_1_b, 'gaps')))
            yield '</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>'
        l_1_b = missing
    yield '\n<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize(environment.call(context, (undefined(name='h1') if l_0_h1 is missing else l_0_h1))))
    yield '</w:t></w:r><w:r><w:t>各党支部主要数据</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:jc w:val="center"/></w:tblPr><w:tblGrid><w:gridCol w:w="2835"/><w:gridCol w:w="794"/><w:gridCol w:w="1701"/><w:gridCol w:w="1474"/><w:gridCol w:w="2041"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2835"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/><w:b/></w:rPr><w:t>党组织名称</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="794"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/><w:b/></w:rPr><w:t>党员</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1701"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/><w:b/></w:rPr><w:t>三会一课完成率</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/><w:b/></w:rPr><w:t>党费收缴率</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2041"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/><w:b/></w:rPr><w:t>缺项</w:t></w:r></w:p></w:tc></w:tr>'
    for l_1_b in environment.call(context, environment.counted, (undefined(name='table') if l_0_table is missing else l_0_table)):
        _loop_vars = {}
        pass
        yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2835"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_b, 'name')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="794"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_b, 'members')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1701"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_b, 'meetings_rate')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_b, 'dues_rate')))
        yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2041"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
        yield escape(environment.finalize(environment.getattr(l_1_b, 'missing')))
        yield '</w:t></w:r></w:p></w:tc></w:tr>'
    l_1_b = missing
    yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2835"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="794"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='members') if l_0_members is missing else l_0_members)))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1701"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='meetings_rate') if l_0_meetings_rate is missing else l_0_meetings_rate)))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1474"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
    yield escape(environment.finalize((environment.getattr((undefined(name='dues') if l_0_dues is missing else l_0_dues), 'rate') if (undefined(name='dues') if l_0_dues is missing else l_0_dues) else '')))
    yield '</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="2041"/></w:tcPr>\n<w:p><w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">'
    yield escape(environment.finalize(t_1((undefined(name='missing') if l_0_missing is missing else l_0_missing))))
    yield '个党支部</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\n<w:p><w:pPr><w:keepNext/></w:pPr></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenSignature"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='signer') if l_0_signer is missing else l_0_signer)))
    yield '</w:t></w:r></w:p>\n<w:p><w:pPr><w:pStyle w:val="GongwenDate"/></w:pPr><w:r><w:t xml:space="preserve">'
    yield escape(environment.finalize((undefined(name='written_date') if l_0_written_date is missing else l_0_written_date)))
    yield '</w:t></w:r></w:p><w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616"><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="1225" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="579"/></w:sectPr></w:body>'

blocks = {}
debug_info = '2=48&3=50&4=58&5=60&6=91&7=93&8=105&9=132&10=134&11=166&12=168&13=183&14=185&15=206&16=208&17=214&18=222&23=224&24=228&25=230&26=232&27=234&28=236&30=240&31=242&32=244&33=246&35=248&36=250'
# Jinja's code for a part of 党委汇总报告模板.docx: written by templates/compile_templates.py, do not edit.
