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
    <message>
        <location filename="../../desktop/views/main_window.py" />
        <source>恢复默认布局</source>
        <translation>Restore default layout</translation>
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
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="170" />
        <source>没有未处理的冲突。</source>
        <translation>No open conflicts.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="172" />
        <source>处理…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="173" />
        <source>保留我的</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="174" />
        <source>采用对方的</source>
        <translation>Take theirs</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="38" />
        <source>登录同步服务器</source>
        <translation>Log in to the sync server</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="50" />
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="51" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="52" />
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="67" />
        <source>密码不会保存；登录凭据保存在系统钥匙串中，不写入数据库或设置文件。</source>
        <translation>The password is not saved; the login credential is kept in the system keyring, never in the database or settings file.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="77" />
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="78" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="105" />
        <source>请填写以 https:// 开头的服务器地址。</source>
        <translation>Enter a server address starting with https://.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="108" />
        <source>请填写用户名和密码。</source>
        <translation>Enter the user name and password.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="119" />
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>RejectedView</name>
    <message>
        <location filename="../../desktop/views/sync/rejected_view.py" line="40" />
        <source>没有被拒绝的更改。</source>
        <translation>No rejected changes.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/rejected_view.py" line="44" />
        <source>以下更改未被服务器接受，本机已恢复为服务器上的内容。如确需修改，请联系有权限的单位或协调员。</source>
        <translation>The server did not accept these changes; this computer was reset to the server's content. If the change is needed, ask a unit or coordinator with permission.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/rejected_view.py" line="49" />
        <source>已阅，不再显示</source>
        <translation>Read, hide</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="71" />
        <source>处理同步冲突</source>
        <translation>Resolve sync conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="74" />
        <source>{table}“{label}”的{field}：{kind}</source>
        <translation>{table} “{label}”, {field}: {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="83" />
        <source>保留我的：{0}</source>
        <translation>Keep mine: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="86" />
        <source>采用对方的：{0}</source>
        <translation>Take theirs: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="88" />
        <source>改为：</source>
        <translation>Change to:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="108" />
        <source>处理结果作为一次新的修改，在下次同步时发送给服务器和其他用户。</source>
        <translation>The resolution is a new change, sent to the server and other users at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="114" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="115" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="145" />
        <source>启动后尚未与服务器同步。</source>
        <translation>Not synced with the server since start.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="169" />
        <source>服务器地址已更改，请重新登录。</source>
        <translation>The server address changed; please log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="199" />
        <source>正在同步，请稍候…</source>
        <translation>Sync in progress, please wait…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="211" />
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="230" />
        <source>上传</source>
        <translation>Uploading</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="231" />
        <source>接收</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="232" />
        <source>下载</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="253" />
        <source>服务器拒绝了 {0} 条更改（见 同步 → 被拒绝的更改）：
{1}</source>
        <translation>The server rejected {0} change(s) (see Sync → Rejected changes):
{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="261" />
        <source>同步完成：上传 {0} 条，接收 {1} 条</source>
        <translation>Sync complete: {0} uploaded, {1} received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="263" />
        <source>；新冲突 {0} 条</source>
        <translation>; {0} new conflict(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="265" />
        <source>；被拒绝 {0} 条</source>
        <translation>; {0} rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="266" />
        <source>。</source>
        <translation>.</translation>
    </message>
</context>
<context>
    <name>SyncHub</name>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="73" />
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="75" />
        <source>登录…</source>
        <translation>Log in…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="76" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="78" />
        <source>冲突…</source>
        <translation>Conflicts…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="79" />
        <source>被拒绝的更改…</source>
        <translation>Rejected changes…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="81" />
        <source>同步设置…</source>
        <translation>Sync settings…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="87" />
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="100" />
        <source>被拒绝的更改</source>
        <translation>Rejected changes</translation>
    </message>
</context>
<context>
    <name>SyncModels</name>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="32" />
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="33" />
        <source>章节</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="34" />
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="35" />
        <source>工作项</source>
        <translation>Work item</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="36" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="37" />
        <source>分工</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="38" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="39" />
        <source>导入提示</source>
        <translation>Import note</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="40" />
        <source>计划目标</source>
        <translation>Plan goal</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="41" />
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="42" />
        <source>进度填报</source>
        <translation>Progress report</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="43" />
        <source>延期</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="44" />
        <source>依赖</source>
        <translation>Dependency</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="45" />
        <source>目标数值</source>
        <translation>Target value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="53" />
        <source>整条记录</source>
        <translation>Whole record</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="55" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="56" />
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="57" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="58" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="60" />
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="61" />
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="62" />
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="63" />
        <source>计划日期</source>
        <translation>Planned date</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="64" />
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="65" />
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="99" />
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="109" />
        <source>同一字段被修改</source>
        <translation>Same field changed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="109" />
        <source>同一字段被修改（对方的修改未被采用）</source>
        <translation>Same field changed (the other change was not applied)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="110" />
        <source>本机修改，对方已删除</source>
        <translation>Changed here, deleted by others</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="111" />
        <source>本机删除，对方已修改</source>
        <translation>Deleted here, changed by others</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="204" />
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="205" />
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="206" />
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="207" />
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="208" />
        <source>本机的值</source>
        <translation>My value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="209" />
        <source>对方的值</source>
        <translation>Their value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="210" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="238" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="239" />
        <source>更改内容</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="240" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="251" />
        <source>新增</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="252" />
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="253" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="29" />
        <source>同步设置</source>
        <translation>Sync settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="34" />
        <source>留空则使用系统信任的证书</source>
        <translation>Empty: use the system's trusted certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="35" />
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="42" />
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="45" />
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="46" />
        <source>CA 证书文件：</source>
        <translation>CA certificate file:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="47" />
        <source>自动同步间隔：</source>
        <translation>Automatic sync every:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="50" />
        <source>单位内网使用自签名证书时，请选择信息中心提供的 CA 证书文件（PEM 格式）。代理服务器按系统环境变量（HTTPS_PROXY）设置。更改服务器地址后需要重新登录。</source>
        <translation>If your intranet uses a self-signed certificate, choose the CA certificate file (PEM) from your IT centre. Proxies follow the system environment (HTTPS_PROXY). After changing the server address, log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="63" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="64" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="76" />
        <source>选择 CA 证书文件</source>
        <translation>Choose CA certificate file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="76" />
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="85" />
        <source>服务器地址应以 https:// 开头。</source>
        <translation>The server address should start with https://.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="89" />
        <source>找不到 CA 证书文件：{0}</source>
        <translation>CA certificate file not found: {0}</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="37" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="74" />
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="75" />
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="76" />
        <source>同步中</source>
        <translation>Syncing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="77" />
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="87" />
        <source>上次同步 {0}</source>
        <translation>Last sync {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="88" />
        <source>待上传 {0}</source>
        <translation>{0} to upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="90" />
        <source>被拒绝 {0}</source>
        <translation>{0} rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="92" />
        <source>冲突 {0}</source>
        <translation>{0} conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="94" />
        <source>查看并处理同步冲突</source>
        <translation>View and resolve sync conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="97" />
        <source>已连接同步服务器。</source>
        <translation>Connected to the sync server.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="98" />
        <source>无法与同步服务器同步，本机数据不受影响，可继续离线工作。</source>
        <translation>Cannot sync with the server; local data is unaffected and you can keep working offline.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="99" />
        <source>正在与同步服务器同步…</source>
        <translation>Syncing with the server…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="100" />
        <source>尚未登录同步服务器（同步 → 登录…）。</source>
        <translation>Not logged in to a sync server (Sync → Log in…).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="107" />
        <source>立即同步 (F9)</source>
        <translation>Sync now (F9)</translation>
    </message>
</context>
<context>
    <name>MergeUnitDialog</name>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>合并单位</source>
        <translation>Merge unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>把“{name}”合并到：</source>
        <translation>Merge “{name}” into:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>“{name}”的牵头、配合、责任分工将转到所选单位（重复的合并为一条），其名称和别名成为所选单位的别名，然后删除“{name}”。</source>
        <translation>The lead, support and responsible assignments of “{name}” move to the chosen unit (duplicates become one); its name and aliases become aliases of the chosen unit, then “{name}” is deleted.</translation>
    </message>
</context>
<context>
    <name>UnitEditDialog</name>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>编辑单位</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>每行一个别名，如“长春市政务服务和数字化建设管理局”</source>
        <translation>One alias per line, e.g. “长春市政务服务和数字化建设管理局”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>别名：</source>
        <translation>Aliases:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>改名后旧名称自动保留为别名，以后导入的文件仍能对应到本单位。</source>
        <translation>After a rename the old name is kept as an alias, so documents imported later still map to this unit.</translation>
    </message>
</context>
<context>
    <name>UnitActions</name>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>编辑单位…</source>
        <translation>Edit unit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>合并到其他单位…</source>
        <translation>Merge into another unit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>请先在单位列表中选择一个单位。</source>
        <translation>Select a unit in the unit list first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" />
        <source>没有选择要合并到的单位，未做更改。</source>
        <translation>No unit to merge into was chosen; nothing was changed.</translation>
    </message>
</context>
</TS>
