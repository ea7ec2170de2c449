<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/views/app.py" line="110" />
        <source>联动</source>
        <translation>Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/app.py" line="137" />
        <source>系统中没有找到中文字体，界面文字可能显示为方框。{0}</source>
        <translation>No Chinese font was found; text may show as boxes. {0}</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="46" />
        <source>原文</source>
        <translation>Source text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="51" />
        <source>工作项 {0}</source>
        <translation>Work item {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="56" />
        <source>分工</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="64" />
        <source>量化目标</source>
        <translation>Quantitative targets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="67" />
        <source>指标</source>
        <translation>Metric</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="68" />
        <source>比较</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="69" />
        <source>目标值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="70" />
        <source>计量单位</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="71" />
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="27" />
        <source>联动</source>
        <translation>Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="28" />
        <source>联动：提示</source>
        <translation>Liandong: note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="29" />
        <source>联动：出错了</source>
        <translation>Liandong: error</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="42" />
        <source>全部职责</source>
        <extracomment>Any filter changed; read ``unit_id``, ``role``, ``scope`` and ``search_text``.</extracomment>
        <translation>All roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="51" />
        <source>全文搜索任务（Ctrl+F）</source>
        <translation>Search tasks (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="54" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="61" />
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="63" />
        <source>职责：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="65" />
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="67" />
        <source>搜索：</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="86" />
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="97" />
        <source>全部计划</source>
        <translation>All plans</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="220" />
        <source>导入计划</source>
        <extracomment>A plan was written (the ``ImportResult``). The flow ended (imported, cancelled, failed or nothing to do).</extracomment>
        <translation>Import plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="222" />
        <source>计划文件 ({0});;所有文件 (*)</source>
        <translation>Plan files ({0});;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="229" />
        <source>正在解析计划…</source>
        <translation>Parsing the plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="241" />
        <location filename="../../desktop/views/import_preview.py" line="273" />
        <source>该计划已导入，未做更改。</source>
        <translation>This plan was already imported; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="260" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="278" />
        <source>已导入“{0}”：任务 {1} 项，工作项 {2} 个，新单位 {3} 个。</source>
        <translation>Imported “{0}”: {1} tasks, {2} work items, {3} new units.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="105" />
        <source>导入预览</source>
        <extracomment>The user pressed 导入: the corrected ``ParsedPlan``.</extracomment>
        <translation>Import preview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="120" />
        <source>删除所选单位</source>
        <translation>Remove selected units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="126" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="131" />
        <source>分工（双击单位或职责可修改）：</source>
        <translation>Assignments (double-click a unit or role to change it):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="140" />
        <source>单位（双击改名，所有出现处一并修改）：</source>
        <translation>Units (double-click to rename every occurrence):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="142" />
        <source>警告：</source>
        <translation>Warnings:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="151" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="154" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="173" />
        <source>{head}
章节 {sections} 个，任务 {tasks} 项，工作项 {items} 个，单位 {units} 个（其中新单位 {new} 个），量化目标 {targets} 个，警告 {warnings} 条。</source>
        <translation>{head}
{sections} sections, {tasks} tasks, {items} work items, {units} units ({new} new), {targets} targets, {warnings} warnings.</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../../desktop/views/jobs.py" line="131" />
        <source>正在处理…</source>
        <extracomment>(done, total, text) reported by the worker; total 0 = unknown. The function's return value. The exception it raised (a ``UserError`` or a bug). The user pressed 取消 (or ``cancel()`` was called) before it finished. Always emitted last.</extracomment>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/jobs.py" line="183" />
        <source>联动</source>
        <translation>Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/jobs.py" line="190" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="72" />
        <source>联动 — 行动计划任务分工</source>
        <extracomment>A store action committed: (action name, frozenset of table names). Fired for the GUI's own store writes and by ``notify_store_changed`` after a background job wrote through its own connection.</extracomment>
        <translation>Liandong — action plan assignments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="102" />
        <source>计划</source>
        <translation>Plans</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="103" />
        <source>单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="106" />
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="171" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="172" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="173" />
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="174" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="177" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="182" />
        <source>导入计划…</source>
        <translation>Import plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="185" />
        <source>导出 JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="187" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="190" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="194" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="196" />
        <source>关于联动</source>
        <translation>About Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="223" />
        <source>牵 = 牵头</source>
        <translation>L = lead</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="223" />
        <source>责 = 责任</source>
        <translation>R = responsible</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="223" />
        <source>配 = 配合</source>
        <translation>S = support</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="276" />
        <source>计划 {plans} 个 · 任务 {tasks} 项 · 工作项 {items} 项 · 显示 {shown}/{total} 行、{units} 个单位</source>
        <translation>{plans} plans · {tasks} tasks · {items} work items · showing {shown}/{total} rows, {units} units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="344" />
        <source>导出 JSON</source>
        <translation>Export JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="344" />
        <source>JSON 文件 (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="350" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="356" />
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="364" />
        <source>联动 {0}
政府行动计划任务分工与协同。</source>
        <translation>Liandong {0}
Task coordination for government action plans.</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="262" />
        <source>任务 / 工作项</source>
        <translation>Task / work item</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="270" />
        <source>{name}
牵头 {lead} 项，配合 {support} 项，责任 {responsible} 项</source>
        <translation>{name}
lead {lead}, support {support}, responsible {responsible}</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <location filename="../../desktop/models/qt/plan_tree_model.py" line="158" />
        <source>计划 / 章节 / 任务</source>
        <translation>Plan / section / task</translation>
    </message>
</context>
<context>
    <name>PreviewAssignmentsModel</name>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="102" />
        <source>新单位：导入时将新建</source>
        <extracomment>Emitted after any unit name/role change or removal.</extracomment>
        <translation>New unit: created on import</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="156" />
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="156" />
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="156" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="156" />
        <source>职责</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>PreviewUnitsModel</name>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="212" />
        <source>新单位</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="212" />
        <source>已有</source>
        <translation>Known</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="241" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="241" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="241" />
        <source>次数</source>
        <translation>Uses</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="30" />
        <source>牵</source>
        <translation>L</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="31" />
        <source>配</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="32" />
        <source>责</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="40" />
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="41" />
        <source>配合</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="42" />
        <source>责任</source>
        <translation>Responsible</translation>
    </message>
</context>
<context>
    <name>UnitAssignmentsModel</name>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="140" />
        <source>职责</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="140" />
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="140" />
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="140" />
        <source>计划</source>
        <translation>Plan</translation>
    </message>
</context>
<context>
    <name>UnitListModel</name>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="65" />
        <source>别名：{0}</source>
        <translation>Aliases: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="78" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="78" />
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="78" />
        <source>配合</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="78" />
        <source>责任</source>
        <translation>Responsible</translation>
    </message>
</context>
<context>
    <name>UnitPanel</name>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="55" />
        <source>筛选单位名称</source>
        <extracomment>A unit was picked (its id). A row of the chosen unit's list was activated (task id).</extracomment>
        <translation>Filter unit names</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="62" />
        <source>选择一个单位，查看其牵头、配合和责任的全部工作。</source>
        <translation>Pick a unit to see everything it leads, supports or is responsible for.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="92" />
        <source>{name}：牵头 {lead} 项，配合 {support} 项，责任 {responsible} 项</source>
        <translation>{name}: lead {lead}, support {support}, responsible {responsible}</translation>
    </message>
</context>
</TS>