<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="29"/>
        <source>关于联动</source>
        <translation>About Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="36"/>
        <source>&lt;b&gt;联动&lt;/b&gt;&lt;br&gt;政府行动计划任务分工与协同。&lt;br&gt;离线可用，数据保存在本机。</source>
        <translation>&lt;b&gt;Liandong&lt;/b&gt;&lt;br&gt;Task assignment and coordination for government action plans.&lt;br&gt;Works offline; data is kept on this computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="44"/>
        <source>数据文件夹：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="45"/>
        <source>日志文件夹：</source>
        <translation>Log folder:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="46"/>
        <source>（演示配置）</source>
        <translation> (demo profile)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="47"/>
        <source>当前数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="50"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/views/app.py" line="208"/>
        <source>联动</source>
        <translation>Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/app.py" line="262"/>
        <source>系统中没有找到中文字体，界面文字可能显示为方框。{0}</source>
        <translation>No Chinese font was found; text may show as boxes. {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/app.py" line="144"/>
        <source>{0} — 演示配置（示例数据，不同步）</source>
        <translation>{0} — DEMO profile (sample data, never synced)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/app.py" line="229"/>
        <source>联动已在运行并打开了这个配置，已切换到那个窗口。</source>
        <translation>Liandong is already running with this profile; switched to that window.</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="226"/>
        <source>文件名</source>
        <extracomment>Gives a function downloading one attachment&apos;s content (``attachment_sync.fetch_one``) when this desktop is logged in to a sync server, else None (set by the window).</extracomment>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="226"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="226"/>
        <source>添加人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="226"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="227"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="231"/>
        <source>没有附件</source>
        <translation>No attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="232"/>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="234"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="238"/>
        <source>附件只作佐证，单个不超过 {0} MB；文件内容在同步时上传、下载。</source>
        <translation>Attachments are evidence only, at most {0} MB each; file contents are uploaded and downloaded when you sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="260"/>
        <source>（本机无文件内容）</source>
        <translation>(content not on this computer)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="269"/>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="287"/>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="295"/>
        <source>正在从服务器下载附件…</source>
        <translation>Downloading the attachment from the server…</translation>
    </message>
</context>
<context>
    <name>Authoring</name>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="73"/>
        <source>联动：请确认</source>
        <extracomment>The order a click in edit mode walks through: 牵 → 配 → 责 → empty → 牵 …</extracomment>
        <translation>Liandong: please confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="84"/>
        <source>联动：修订版</source>
        <translation>Liandong: revised version</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="87"/>
        <source>更新已有计划…</source>
        <translation>Update the stored plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="90"/>
        <source>作为新计划导入</source>
        <translation>Import as a new plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="93"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AuthoringActions</name>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="119"/>
        <source>新增任务</source>
        <translation>Add task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="129"/>
        <source>修改任务</source>
        <translation>Edit task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="140"/>
        <source>调整任务序号</source>
        <translation>Renumber task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="158"/>
        <source>删除任务</source>
        <translation>Delete task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="171"/>
        <source>修改分工</source>
        <translation>Change assignment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="197"/>
        <source>新增工作事项</source>
        <translation>Add work item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="204"/>
        <source>新增量化目标</source>
        <translation>Add target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="215"/>
        <source>修改量化目标</source>
        <translation>Edit target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="225"/>
        <source>新增章节</source>
        <translation>Add section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="317"/>
        <source>修改计划</source>
        <translation>Edit plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="236"/>
        <source>修改章节</source>
        <translation>Edit section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="254"/>
        <source>删除章节</source>
        <translation>Delete section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="262"/>
        <source>修改工作事项</source>
        <translation>Edit work item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="280"/>
        <source>删除工作事项</source>
        <translation>Delete work item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="296"/>
        <source>删除量化目标</source>
        <translation>Delete target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="65"/>
        <source>新建计划</source>
        <translation>New plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="305"/>
        <source>关联上级任务</source>
        <translation>Link upper task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="72"/>
        <source>以模板新建计划</source>
        <translation>New plan from template</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/undo.py" line="101"/>
        <source>删除计划</source>
        <translation>Delete plan</translation>
    </message>
</context>
<context>
    <name>AuthoringDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="37"/>
        <source>如：第5次调度会、市政府常务会议、领导批示</source>
        <translation>e.g. 5th coordination meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="43"/>
        <source>依据：</source>
        <translation>Basis:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="47"/>
        <source>依据可不填；每项调整都记入任务的调整记录。</source>
        <translation>The basis is optional; every change is recorded in the task&apos;s change history.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="59"/>
        <source>YYYY-MM-DD，可不填</source>
        <translation>YYYY-MM-DD, optional</translation>
    </message>
</context>
<context>
    <name>AuthoringHub</name>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="126"/>
        <source>计划(&amp;P)</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="128"/>
        <source>新建计划…</source>
        <translation>New plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="129"/>
        <source>编辑计划…</source>
        <translation>Edit plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="130"/>
        <source>以此计划为模板新建…</source>
        <translation>New plan from this template…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="131"/>
        <source>删除计划…</source>
        <translation>Delete plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="133"/>
        <source>新增章节…</source>
        <translation>Add section…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="134"/>
        <source>新增任务…</source>
        <translation>Add task…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="135"/>
        <source>编辑任务…</source>
        <translation>Edit task…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="139"/>
        <source>新增工作事项…</source>
        <translation>Add work item…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="142"/>
        <source>新增量化目标…</source>
        <translation>Add target…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="136"/>
        <source>删除任务…</source>
        <translation>Delete task…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="145"/>
        <source>新建单位…</source>
        <translation>New unit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="148"/>
        <source>用修订版更新计划…</source>
        <translation>Update plan from a revised version…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="151"/>
        <source>编辑分工（单击单元格切换）</source>
        <translation>Edit assignments (click a cell to cycle)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="178"/>
        <source>分工编辑</source>
        <translation>Assignment editing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="182"/>
        <source>编辑分工：单击单位单元格，依次切换 牵 → 配 → 责 → 空（可撤销）。</source>
        <translation>Editing assignments: click a unit cell to cycle lead → support → responsible → none (undoable).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="185"/>
        <source>依据，如：第5次调度会（可不填）</source>
        <translation>Basis, e.g. 5th coordination meeting (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="189"/>
        <source>  依据：</source>
        <translation>  Basis:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="200"/>
        <source>请先选择一项任务。</source>
        <translation>Please select a task first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="221"/>
        <source>请先在计划树中选择一个计划或任务。</source>
        <translation>Please select a plan or a task in the plan tree first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="452"/>
        <source>删除任务</source>
        <translation>Delete task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="454"/>
        <source>删除任务 {0}“{1}”（已有里程碑或填报的任务将归档保留）。
依据（可不填）：</source>
        <translation>Delete task {0} “{1}” (a task with milestones or reports is archived and kept).
Basis (optional):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="465"/>
        <source>任务已有记录，已归档保留（可撤销）。</source>
        <translation>The task has records: archived and kept (undoable).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="468"/>
        <source>已删除任务（可撤销）。</source>
        <translation>Task deleted (undoable).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="474"/>
        <source>新建单位</source>
        <translation>New unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="474"/>
        <source>单位名称：</source>
        <translation>Unit name:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="488"/>
        <source>选择修订版文件</source>
        <translation>Choose the revised document</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="490"/>
        <source>计划文件 ({0})</source>
        <translation>Plan documents ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="499"/>
        <source>正在比较修订版…</source>
        <translation>Comparing the revised version…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="534"/>
        <source>修订版与现有计划一致，没有需要更新的内容。</source>
        <translation>The revised version matches the stored plan: nothing to update.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="542"/>
        <source>已采用 {0} 处变化。</source>
        <translation>{0} changes applied.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="137"/>
        <source>编辑章节…</source>
        <translation>Edit section…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="138"/>
        <source>删除章节</source>
        <translation>Delete section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="140"/>
        <source>编辑工作事项…</source>
        <translation>Edit work item…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="141"/>
        <source>删除工作事项</source>
        <translation>Delete work item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="143"/>
        <source>编辑量化目标…</source>
        <translation>Edit target…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="144"/>
        <source>删除量化目标</source>
        <translation>Delete target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="172"/>
        <source>分工提醒 {0} 项</source>
        <translation>{0} assignment warnings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="174"/>
        <source>这些工作事项没有牵头单位（也没有责任单位）或有多个牵头单位，已在矩阵中标黄。</source>
        <translation>These work items have no lead unit (and no responsible unit) or several lead units; they are highlighted in yellow in the matrix.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="328"/>
        <source>请先在计划树中选择一个章节。</source>
        <translation>Please select a section in the plan tree first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="351"/>
        <source>请先在矩阵中选择该任务的一个工作事项。</source>
        <translation>Please select one of the task&apos;s work items in the matrix first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="364"/>
        <source>该任务没有量化目标。</source>
        <translation>This task has no targets.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="374"/>
        <source>选择量化目标</source>
        <translation>Choose a target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="374"/>
        <source>量化目标：</source>
        <translation>Target:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="156"/>
        <source>下级任务折叠在上级任务下</source>
        <translation>Fold lower-level tasks under their upper task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="522"/>
        <source>《{0}》已导入；这份文件的发文字号或标题与它相同，但内容有 {1} 处不同。
更新已有计划（逐项审阅变化，里程碑和填报保留），还是作为新计划导入？</source>
        <translation>“{0}” is already imported; this document has the same document number or title but differs in {1} places.
Update the stored plan (review each change; milestones and reports are kept), or import it as a new plan?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="146"/>
        <source>关联上级任务…</source>
        <translation>Link to an upper-level task…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="147"/>
        <source>取消关联上级任务</source>
        <translation>Unlink the upper-level task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="435"/>
        <source>没有其他计划可关联：请先导入或新建上级计划。</source>
        <translation>No other plan to link to: import or create the higher-level plan first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/integration.py" line="265"/>
        <source>删除计划《{0}》及其 {1} 项任务、全部里程碑和填报？（可撤销）</source>
        <translation>Delete the plan “{0}” with its {1} tasks and all their milestones and reports? (Can be undone)</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="34"/>
        <source>数据库备份</source>
        <translation>Database backups</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="38"/>
        <source>每天第一次启动时自动备份，保留最近 {0} 份。恢复时当前数据库会先移到一边保留，然后联动重新启动。
备份目录：{1}</source>
        <translation>A backup is made at the first start of each day; the newest {0} are kept. Restoring first moves the current database aside (it is kept), then Liandong restarts.
Backup folder: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="48"/>
        <source>还没有备份：点“立即备份”备份一份</source>
        <translation>No backups yet: click &quot;Back up now&quot; to make one</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="51"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="52"/>
        <source>从所选备份恢复…</source>
        <translation>Restore selected backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="56"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="79"/>
        <source>已备份到：{0}</source>
        <translation>Backed up to: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="88"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="90"/>
        <source>用 {0} 的备份替换当前数据库？
当前数据库会先移到一边保留，联动随后重新启动。</source>
        <translation>Replace the current database with the backup of {0}?
The current database is moved aside and kept; Liandong then restarts.</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="30"/>
        <source>指定表格各列的含义</source>
        <translation>What the sheet&apos;s columns mean</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="32"/>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="33"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="34"/>
        <source>任务内容</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="35"/>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="36"/>
        <source>配合单位</source>
        <translation>Supporting units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="37"/>
        <source>责任单位</source>
        <translation>Responsible units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="38"/>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="39"/>
        <source>责任领导</source>
        <translation>Leader in charge</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="43"/>
        <source>表格的列标题没有被识别。请为每一列选择含义（至少指定“任务内容”），第一行作为标题不导入。</source>
        <translation>The sheet&apos;s column headers were not recognised. Choose what each column means (at least the task column); the first row is a header and is not imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="55"/>
        <source>第 {0} 列（无标题）</source>
        <translation>Column {0} (no header)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="64"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="65"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/column_mapping.py" line="87"/>
        <source>请至少指定“任务内容”所在的列。</source>
        <translation>Choose at least the column that holds the task.</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="55"/>
        <source>请输入数字：{0}</source>
        <translation>Please enter a number: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="178"/>
        <source>没有未处理的冲突。</source>
        <extracomment>A conflict was resolved (its id).</extracomment>
        <translation>No open conflicts.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="179"/>
        <source>处理…</source>
        <translation>Resolve…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="180"/>
        <source>保留本机的值</source>
        <translation>Keep my value</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="181"/>
        <source>采用对方的值</source>
        <translation>Take their value</translation>
    </message>
</context>
<context>
    <name>Coordination</name>
    <message>
        <location filename="../../desktop/views/coordination/form.py" line="39"/>
        <source>联动：请确认</source>
        <translation>Liandong: please confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="57"/>
        <source>{0}（原定 {1}）</source>
        <translation>{0} (originally {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="61"/>
        <source>逾期 {0} 天</source>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="63"/>
        <source>还剩 {0} 天</source>
        <translation>{0} days left</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="92"/>
        <source>晚于原定 {0} 天</source>
        <translation>{0} days later than originally due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="94"/>
        <source>{0} 完成 · {1}</source>
        <translation>Completed {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="98"/>
        <source>已延期 · {0}</source>
        <translation>Extended · {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="193"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="371"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="378"/>
        <source>接下来的里程碑</source>
        <translation>Next milestones</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="398"/>
        <source>阻碍我的</source>
        <translation>Blocking me</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="412"/>
        <source>我阻碍的</source>
        <translation>Blocked by me</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="415"/>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="416"/>
        <source>责任</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="417"/>
        <source>配合</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="348"/>
        <source>（联络员 {0} {1}）</source>
        <translation> (contact {0}, {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="325"/>
        <source>，{0}报</source>
        <translation>, reported {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="355"/>
        <source>【未报】</source>
        <translation>[Missing]</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="356"/>
        <source>【迟报】</source>
        <translation>[Late]</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="323"/>
        <source>{0}前</source>
        <translation>due {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="329"/>
        <source>期次 {0}，{1}前</source>
        <translation>Period {0}, due {1}</translation>
    </message>
</context>
<context>
    <name>CoordinationActions</name>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="163"/>
        <source>添加里程碑</source>
        <extracomment>An undo/redo step failed (the exception); the integration shows it. The application&apos;s undo stack (``MainWindow.undo_stack``); its own without one.</extracomment>
        <translation>Add milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="181"/>
        <source>修改里程碑</source>
        <translation>Edit milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="199"/>
        <source>标记完成</source>
        <translation>Mark as done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="199"/>
        <source>重新打开里程碑</source>
        <translation>Reopen milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="206"/>
        <source>延期</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="213"/>
        <source>删除里程碑</source>
        <translation>Delete milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="225"/>
        <source>录入目标数值</source>
        <translation>Record target value</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="236"/>
        <source>进度填报</source>
        <translation>Progress report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="243"/>
        <source>更正填报</source>
        <translation>Correct progress report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="253"/>
        <source>添加依赖</source>
        <translation>Add dependency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/undo.py" line="261"/>
        <source>删除依赖</source>
        <translation>Delete dependency</translation>
    </message>
</context>
<context>
    <name>CoordinationHub</name>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="127"/>
        <source>协同</source>
        <translation>Coordination</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="130"/>
        <source>我的任务</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="133"/>
        <source>时间轴</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="136"/>
        <source>总览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="139"/>
        <source>各单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="247"/>
        <source>协同(&amp;C)</source>
        <translation>&amp;Coordination</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="250"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="252"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="258"/>
        <source>添加里程碑…</source>
        <translation>Add milestone…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="260"/>
        <source>标记里程碑完成</source>
        <translation>Mark milestone done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="261"/>
        <source>延期…</source>
        <translation>Extend…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="262"/>
        <source>进度填报…</source>
        <translation>Progress report…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="263"/>
        <source>录入目标数值…</source>
        <translation>Record target value…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="264"/>
        <source>添加依赖…</source>
        <translation>Add dependency…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="266"/>
        <source>刷新状态</source>
        <translation>Refresh status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="326"/>
        <source>请先在“督办”页中选择一份待审核的办结申请。</source>
        <translation>First select a pending closing application on the &quot;Supervision&quot; tab.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="330"/>
        <source>请先在“督办”页中选择一份待审批的延期申请。</source>
        <translation>First select a pending extension request on the &quot;Supervision&quot; tab.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="345"/>
        <source>请先选择一项任务。</source>
        <translation>Please select a task first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="351"/>
        <source>请先在“协同”面板中选择一个里程碑。</source>
        <translation>Please select a milestone in the Coordination panel first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="387"/>
        <source>删除该里程碑及其延期记录和依赖？可撤销。</source>
        <translation>Delete this milestone with its extensions and dependencies? This can be undone.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="413"/>
        <source>请先在“依赖”页中选择一条依赖。</source>
        <translation>Please select a dependency on the Dependencies tab first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="426"/>
        <source>该任务没有量化目标，或请先选择一个目标。</source>
        <translation>This task has no quantified target, or no target is selected.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="449"/>
        <source>请先选择一条填报记录。</source>
        <translation>Please select a progress report first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/integration.py" line="114"/>
        <location filename="../../desktop/views/coordination/integration.py" line="514"/>
        <source>正在计算状态…</source>
        <extracomment>A fresh overview (snapshot, dashboard, timeline…) was shown. The second background step (催报 list, target states) was shown.</extracomment>
        <translation>Computing status…</translation>
    </message>
</context>
<context>
    <name>CountColumns</name>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="178"/>
        <source>逾期</source>
        <extracomment>the count rows&apos; coloured columns: one dict shared by every count row (never changed; a dict each was ~2.8 MB of the 12,000 section rows at 100k tasks)</extracomment>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="179"/>
        <source>临期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="180"/>
        <source>正常</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="181"/>
        <source>未排期</source>
        <translation>No date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="182"/>
        <source>待销号</source>
        <translation>To close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="183"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/rows.py" line="185"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>CycleDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="258"/>
        <source>报送周期</source>
        <translation>Reporting cycle</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="261"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="264"/>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="264"/>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="264"/>
        <source>每两周</source>
        <translation>Every two weeks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="265"/>
        <source>每季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="265"/>
        <source>一次性</source>
        <translation>Once</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="268"/>
        <source>周期：</source>
        <translation>Cycle:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="271"/>
        <source>期末</source>
        <translation>End of period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="273"/>
        <source>每月/每季末月的第几日前；每周/两周为星期几（1–7）前</source>
        <translation>Day of the month (or of the quarter&apos;s last month); for weekly cycles the weekday (1–7)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="274"/>
        <source>报送日：</source>
        <translation>Due day:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="276"/>
        <source>一次性期限：</source>
        <translation>One-off deadline:</translation>
    </message>
</context>
<context>
    <name>DamagedDialog</name>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="116"/>
        <source>联动：数据库已损坏</source>
        <translation>Liandong: database damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="120"/>
        <source>数据库文件 {0} 未通过完整性检查，可能已损坏（例如断电或磁盘故障）。为免数据进一步受损，请选择如何继续。损坏的文件不会被删除。</source>
        <translation>The database file {0} failed its integrity check and may be damaged (for example by a power cut or a disk fault). To avoid further damage, choose how to continue. The damaged file is never deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="126"/>
        <source>检查结果：{0}</source>
        <translation>Check result: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="130"/>
        <source>恢复最近的备份（{0}）</source>
        <translation>Restore the latest backup ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="134"/>
        <source>恢复最近的备份（没有备份）</source>
        <translation>Restore the latest backup (no backup)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="137"/>
        <source>打开另一个配置…</source>
        <translation>Open another profile…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="138"/>
        <source>把损坏的文件移到一边，从空数据库开始</source>
        <translation>Move the damaged file aside and start with an empty database</translation>
    </message>
    <message>
        <location filename="../../desktop/views/backup_dialog.py" line="139"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="490"/>
        <source>任务 · {0}</source>
        <extracomment>A view property: the columns whose texts must be shown whole (the layout tests check it). The dashboard&apos;s sorted lists: their rows&apos; key → the dashboard&apos;s key. Below this page width, in widths of &quot;中&quot;, the counts and the lists are stacked rather than side by side (the 总览 page at 1366×768 is ~75 wide with the detail panel, ~105 without; at 1920×1080, ~110 and ~150): side by side, the lists get 2/5 of the width, and the 晚于原定 list&apos;s dates and states leave its milestones room only from ~120. A row naming a task was activated (task id). The user changed the due-soon window (days). An overview was shown (before: its tiles say &quot;…&quot;, the caption 正在计算状态…).</extracomment>
        <translation>Tasks · {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="493"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="552"/>
        <source>受阻任务</source>
        <translation>Blocked tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="495"/>
        <source>未填报单位</source>
        <translation>Unreported units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="500"/>
        <source>目标未达标</source>
        <translation>Targets missed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="500"/>
        <source>期限已过仍未达到的量化目标数</source>
        <translation>Quantitative targets not reached by their deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="506"/>
        <source>未达序时</source>
        <translation>Behind schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="507"/>
        <source>完成进度（填报或目标）低于序时进度的任务数（黄）</source>
        <translation>Tasks whose progress (reported or target) is below the expected progress (yellow)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="513"/>
        <source>章节</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="514"/>
        <source>单位（牵头/责任事项）</source>
        <translation>Unit (lead/responsible items)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="518"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="522"/>
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="518"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="522"/>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="518"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="522"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="532"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="519"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="523"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="527"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="518"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="522"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="525"/>
        <location filename="../../desktop/views/coordination/dashboard.py" line="531"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="525"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="525"/>
        <source>传导链</source>
        <translation>Impact chain</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="527"/>
        <source>阻碍任务数</source>
        <translation>Tasks blocked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="527"/>
        <source>源头里程碑</source>
        <translation>Root milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="529"/>
        <source>单位 / 任务</source>
        <translation>Unit / task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="529"/>
        <source>报送截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="531"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="531"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="531"/>
        <source>最新值</source>
        <translation>Latest</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="544"/>
        <source>按章节</source>
        <translation>By section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="545"/>
        <source>按单位</source>
        <translation>By unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="548"/>
        <source>逾期里程碑</source>
        <translation>Overdue milestones</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="550"/>
        <source>晚于原定</source>
        <translation>Late vs. original</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="554"/>
        <source>阻碍排名</source>
        <translation>Blocking ranking</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="556"/>
        <source>量化目标</source>
        <translation>Quantitative targets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="558"/>
        <source>催报</source>
        <translation>Reporting reminders</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="566"/>
        <source>没有章节</source>
        <translation>No sections</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="567"/>
        <source>没有单位</source>
        <translation>No units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="568"/>
        <source>没有逾期里程碑</source>
        <translation>No overdue milestones</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="569"/>
        <source>没有晚于原定的里程碑</source>
        <translation>No milestones later than originally due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="570"/>
        <source>没有受阻任务</source>
        <translation>No blocked tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="571"/>
        <source>没有阻碍其他任务的单位</source>
        <translation>No unit is blocking other tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="572"/>
        <source>没有量化目标</source>
        <translation>No quantitative targets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="573"/>
        <source>没有需要催报的单位</source>
        <translation>No units to remind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="585"/>
        <source>正在计算状态…</source>
        <extracomment>Model name → its view&apos;s ``EmptyHint``.</extracomment>
        <translation>Computing status…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="591"/>
        <source>临期窗口 </source>
        <translation>Due-soon window </translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="592"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="594"/>
        <source>截止日期在此天数内（含当天）的里程碑显示为临期（黄灯）</source>
        <translation>Milestones due within this many days (including today) are shown as due soon (amber)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="670"/>
        <source>{today} · 临期窗口 {window} 天 · 正在统计填报情况…</source>
        <translation>{today} · due-soon window {window} days · counting progress reports…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="497"/>
        <source>按各任务的报送周期，已过报送期限仍未填报的单位数（迟报另列）</source>
        <translation>Units that have not reported by the due date of each task&apos;s reporting cycle (late reports are listed apart)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dashboard.py" line="693"/>
        <source>{today} · 临期窗口 {window} 天 · 已到报送期限 {due} 项：按时 {on_time}，迟报 {late}，未报 {missing}</source>
        <translation>{today} · due-soon window {window} days · {due} reports due: on time {on_time}, late {late}, missing {missing}</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="164"/>
        <source>办结申请不存在。</source>
        <translation>The closing application does not exist.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="165"/>
        <source>审核办结申请</source>
        <translation>Review closing application</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="166"/>
        <source>{label}
{unit} 申请于 {at}：{text}</source>
        <translation>{label}
{unit} applied on {at}: {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="170"/>
        <source>审核通过，销号</source>
        <translation>Approve and close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="170"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="180"/>
        <source>延期申请不存在。</source>
        <translation>The extension request does not exist.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="181"/>
        <source>审批延期申请</source>
        <translation>Decide extension request</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="182"/>
        <source>{label}“{ms}”
{unit} 申请由 {old} 延至 {new}：{text}</source>
        <translation>{label} &quot;{ms}&quot;
{unit} asks to move {old} to {new}: {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="186"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="186"/>
        <source>不予批准</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="187"/>
        <source>申请：</source>
        <translation>Request:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="198"/>
        <source>结果：</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="199"/>
        <source>意见（退回或不予批准时必填）</source>
        <translation>Comment (required to return or refuse)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="200"/>
        <source>意见：</source>
        <translation>Comment:</translation>
    </message>
</context>
<context>
    <name>DependencyDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/dependency_dialog.py" line="43"/>
        <source>添加依赖</source>
        <translation>Add dependency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dependency_dialog.py" line="52"/>
        <source>前置（先完成）：</source>
        <translation>Predecessor (finishes first):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dependency_dialog.py" line="53"/>
        <source>后续（再开始）：</source>
        <translation>Successor (starts after):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dependency_dialog.py" line="56"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dependency_dialog.py" line="57"/>
        <source>间隔：</source>
        <translation>Lag:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dependency_dialog.py" line="59"/>
        <source>完成—开始：前置完成后（加间隔天数）后续才能开始。</source>
        <translation>Finish-to-start: the successor can start only after the predecessor is done (plus the lag).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/dependency_dialog.py" line="65"/>
        <source>请选择前置和后续事项。</source>
        <translation>Please choose a predecessor and a successor.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="60"/>
        <source>原文</source>
        <translation>Source text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="65"/>
        <source>工作项 {0}</source>
        <translation>Work item {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="70"/>
        <source>分工</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="78"/>
        <source>量化目标</source>
        <translation>Quantitative targets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="81"/>
        <source>指标</source>
        <translation>Metric</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="82"/>
        <source>比较</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="83"/>
        <source>目标值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="84"/>
        <source>计量单位</source>
        <translation>Unit of measure</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="85"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="115"/>
        <source>{0} {1}：{2}</source>
        <translation>{0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="119"/>
        <source>（交办{0}，{1}前落实）</source>
        <translation> (assigned to {0}, due {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="123"/>
        <source>领导批示</source>
        <translation>Leaders&apos; instructions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="230"/>
        <source>选择一项任务以查看详情。</source>
        <translation>Select a task to see its details.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="131"/>
        <source>已归档（{0}）：该任务已从计划中撤销，其里程碑和填报保留。</source>
        <translation>Archived ({0}): this task was removed from the plan; its milestones and reports are kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="55"/>
        <source>责任领导：{0}</source>
        <translation>Leader in charge: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="138"/>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="143"/>
        <source>进度方式</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="144"/>
        <source>由下级任务汇总</source>
        <translation>rolled up from lower-level tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="155"/>
        <source>上级任务</source>
        <translation>Implements</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="56"/>
        <location filename="../../desktop/views/detail_panel.py" line="187"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="191"/>
        <source>（已归档）</source>
        <translation> (archived)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="206"/>
        <source>下级任务</source>
        <translation>Lower-level tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="215"/>
        <source>调整记录</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="168"/>
        <location filename="../../desktop/views/detail_panel.py" line="198"/>
        <source>完成 {0}%</source>
        <translation>{0}% done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="170"/>
        <source>（下级任务 {0} 项中最低）</source>
        <translation> (lowest of {0} lower-level tasks)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="173"/>
        <source>，序时进度 {0}%</source>
        <translation>, expected by now {0}%</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="177"/>
        <source>，未达序时</source>
        <translation>, behind schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="178"/>
        <source>进度</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/views/detail_panel.py" line="196"/>
        <source>，</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="29"/>
        <source>联动</source>
        <translation>Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="30"/>
        <source>联动：提示</source>
        <translation>Liandong: note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="31"/>
        <source>联动：出错了</source>
        <translation>Liandong: error</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="45"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dialogs.py" line="47"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="80"/>
        <source>打印/导出</source>
        <translation>Print / export</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="98"/>
        <source>督查通报（会议总览）</source>
        <translation>Progress briefing (meeting overview)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="99"/>
        <source>单位工作单</source>
        <translation>Unit work sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="100"/>
        <source>任务督办单</source>
        <translation>Task follow-up sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="101"/>
        <source>督办/催报通知单</source>
        <translation>Follow-up / reminder notices</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="102"/>
        <source>任务落实台账（Excel）</source>
        <translation>Task ledger (Excel)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="103"/>
        <source>单位进展填报表（Excel）</source>
        <translation>Unit progress fill-in sheet (Excel)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="120"/>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="121"/>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="133"/>
        <source>不勾选即为全部有任务的单位。</source>
        <translation>None ticked: every unit with work.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="141"/>
        <source>按章节分表</source>
        <translation>One sheet per section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="142"/>
        <source>按单位分表</source>
        <translation>One sheet per unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="143"/>
        <source>包含已办结事项</source>
        <translation>Include finished items</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="145"/>
        <source>如：内部资料 注意保存</source>
        <translation>e.g. 内部资料 注意保存 (internal)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="148"/>
        <source>如：市政府督查室</source>
        <translation>e.g. 市政府督查室 (supervision office)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="151"/>
        <source>红黄绿（红＝逾期）</source>
        <translation>Red / yellow / green (red = overdue)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="152"/>
        <source>蓝黄红（红＝逾期未办结）</source>
        <translation>Blue / yellow / red (red = overdue, not finished)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="157"/>
        <source>工作要求（写入本期通报）</source>
        <translation>Work requirements (stored with this issue)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="159"/>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="165"/>
        <source>材料：</source>
        <translation>Document:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="166"/>
        <source>计划：</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="167"/>
        <source>会议日期：</source>
        <translation>Meeting date:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="168"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="169"/>
        <source>参会单位：</source>
        <translation>Attending units:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="170"/>
        <source>填报单位：</source>
        <translation>Reporting unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="171"/>
        <source>填报期：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="172"/>
        <source>分表：</source>
        <translation>Sheets:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="174"/>
        <source>密级标识：</source>
        <translation>Confidentiality mark:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="175"/>
        <source>发文单位：</source>
        <translation>Issuing office:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="176"/>
        <source>状态颜色：</source>
        <translation>Status colours:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="177"/>
        <source>工作要求：</source>
        <translation>Requirements:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="191"/>
        <source>选择材料和选项，然后点“生成”。</source>
        <translation>Choose a document and its options, then click “Generate”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="198"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="200"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="202"/>
        <source>另存为 Word…</source>
        <translation>Save as Word…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="204"/>
        <source>另存为 Excel…</source>
        <translation>Save as Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="206"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="238"/>
        <source>全部计划</source>
        <translation>All plans</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="252"/>
        <source>任务{0} {1}</source>
        <translation>Task {0} {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="286"/>
        <source>生成 Excel</source>
        <translation>Generate Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="286"/>
        <source>生成预览</source>
        <translation>Generate preview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="357"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="365"/>
        <source>正在生成“{0}”…</source>
        <translation>Generating “{0}”…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="383"/>
        <source>已生成“{0}”：{1}</source>
        <translation>Generated “{0}”: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="386"/>
        <source>已生成“{0}”：{1}。Excel 文件不能在此预览，请点“另存为 Excel…”。</source>
        <translation>Generated “{0}”: {1}. Excel files cannot be previewed here; click “Save as Excel…”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="395"/>
        <source>生成失败，请检查选项后重试。</source>
        <translation>Generation failed; check the options and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="399"/>
        <source>已取消生成。</source>
        <translation>Generation cancelled.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="413"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="425"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="425"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="432"/>
        <source>正在打印第 {0}/{1} 页…</source>
        <translation>Printing page {0}/{1}…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="445"/>
        <source>已发送 {0} 页到打印机“{1}”。</source>
        <translation>Sent {0} pages to the printer “{1}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="465"/>
        <source>无法保存到 {0}：文件可能正被其他程序打开，或没有写入权限。</source>
        <translation>Cannot save to {0}: the file may be open in another program, or the folder is not writable.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="472"/>
        <location filename="../../desktop/views/documents/dialog.py" line="515"/>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="477"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="477"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="485"/>
        <source>另存为 Excel</source>
        <translation>Save as Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="485"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="493"/>
        <source>另存为 Word</source>
        <translation>Save as Word</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="493"/>
        <source>Word 文件 (*.docx)</source>
        <translation>Word files (*.docx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/dialog.py" line="504"/>
        <source>正在生成 Word 文件…</source>
        <translation>Generating the Word file…</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="64"/>
        <source>打印/导出(&amp;P)</source>
        <translation>&amp;Print / export</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="69"/>
        <source>打印/导出材料…</source>
        <translation>Print / export documents…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="72"/>
        <source>督查通报、单位工作单、督办单、通知单、台账：预览、打印、另存为</source>
        <translation>Briefings, unit sheets, follow-up sheets, notices, ledgers: preview, print, save as</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="75"/>
        <source>导出台账（Excel）…</source>
        <translation>Export task ledger (Excel)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="77"/>
        <source>生成填报表（Excel）…</source>
        <translation>Make a fill-in sheet (Excel)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="79"/>
        <source>导入填报表…</source>
        <translation>Import a fill-in sheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="128"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="143"/>
        <source>正在导入 {0} 份填报表…</source>
        <translation>Importing {0} fill-in sheet(s)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="126"/>
        <source>导入填报表（可选多个文件）</source>
        <translation>Import fill-in sheets (several files may be chosen)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/integration.py" line="172"/>
        <source>……共 {0} 行，全部见“显示详细信息”。</source>
        <translation>… {0} lines in all; see “Show Details” for every one.</translation>
    </message>
</context>
<context>
    <name>DomainText</name>
    <message>
        <location filename="../../desktop/models/qt/domain_text.py" line="28"/>
        <source>zh_CN</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>Duban</name>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="46"/>
        <source>红·逾期未办结</source>
        <extracomment>Built-in colours of the lights; the user&apos;s choice (settings ``duban/colour_red`` etc., declared in ``desktop.views.settings``) is handed in with ``use_colours``.</extracomment>
        <translation>Red · overdue, not closed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="47"/>
        <source>黄·未达序时</source>
        <translation>Yellow · behind schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="48"/>
        <source>蓝·临近时限</source>
        <translation>Blue · deadline near</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="49"/>
        <source>绿·正常</source>
        <translation>Green · on track</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="56"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="57"/>
        <source>灯</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="58"/>
        <source>联络员</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="59"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="60"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="67"/>
        <source>受阻</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="68"/>
        <source>未达序时</source>
        <translation>Behind schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="69"/>
        <source>未报</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="70"/>
        <source>迟报</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="71"/>
        <source>待审办结</source>
        <translation>Closings pending</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="72"/>
        <source>待批延期</source>
        <translation>Extensions pending</translation>
    </message>
</context>
<context>
    <name>EmptyHint</name>
    <message>
        <location filename="../../desktop/views/empty_hint.py" line="79"/>
        <source>正在载入…</source>
        <extracomment>An empty list&apos;s column is this many line heights (about as many Chinese characters) wider than its title: its header reads as a column, not a squeezed label.</extracomment>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="67"/>
        <source>联动：出错了</source>
        <translation>Liandong: something went wrong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="71"/>
        <source>发生了意外错误，刚才的操作没有完成；已保存的数据未受影响，可以继续使用。
如果问题反复出现，请点“复制详情”，把内容发给技术支持。</source>
        <translation>An unexpected error occurred and the last action was not completed; saved data is not affected and you can keep working.
If it happens again, click “Copy details” and send the text to technical support.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="77"/>
        <source>日志文件：{0}</source>
        <translation>Log file: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="82"/>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="85"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/error_dialog.py" line="95"/>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="21"/>
        <source>里程碑不存在。</source>
        <translation>Milestone not found.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="23"/>
        <source>延期</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="27"/>
        <source>里程碑：</source>
        <translation>Milestone:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="28"/>
        <source>任务{0}“{1}”</source>
        <translation>Task {0} “{1}”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="30"/>
        <source>（未排期）</source>
        <translation>(not scheduled)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="31"/>
        <source>原定日期：</source>
        <translation>Original due date:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="34"/>
        <source>{old} → {new}：{reason}</source>
        <translation>{old} → {new}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="39"/>
        <source>已延期：</source>
        <translation>Extended:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="42"/>
        <source>新的截止日期：</source>
        <translation>New due date:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="44"/>
        <source>延期原因（必填），如：设备到货延迟</source>
        <translation>Reason for the extension (required), e.g. equipment delivered late</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="46"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/extension_dialog.py" line="49"/>
        <source>原定日期保留；按原定日期统计时，延期完成仍计为逾期。</source>
        <translation>The original due date is kept; measured against it, work finished after an extension still counts as overdue.</translation>
    </message>
</context>
<context>
    <name>ExtensionRequestDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="219"/>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="223"/>
        <source>里程碑不存在。</source>
        <translation>The milestone does not exist.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="225"/>
        <source>里程碑：</source>
        <translation>Milestone:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="227"/>
        <source>当前截止：</source>
        <translation>Current due date:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="227"/>
        <source>（未排期）</source>
        <translation>(not scheduled)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="231"/>
        <source>申请单位：</source>
        <translation>Applying unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="234"/>
        <source>申请延至：</source>
        <translation>Move to:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="235"/>
        <source>延期理由（必填）</source>
        <translation>Reason for the extension (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="236"/>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="238"/>
        <source>截止日期前提出；督办室批准后截止日期才改变，原定日期保留。</source>
        <translation>Request before the due date; the date changes only once the office approves, and the original date stays visible.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="244"/>
        <source>请选择申请单位。</source>
        <translation>Select the applying unit.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="49"/>
        <source>全部职责</source>
        <translation>All roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="63"/>
        <source>全文搜索任务（Ctrl+F）</source>
        <translation>Search tasks (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="66"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="73"/>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="75"/>
        <source>职责：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="77"/>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="79"/>
        <source>搜索：</source>
        <translation>Search:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="45"/>
        <source>全部单位</source>
        <extracomment>Any filter changed; read ``unit_id``, ``role``, ``scope`` and ``search_text``.</extracomment>
        <translation>All units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/filter_bar.py" line="56"/>
        <source>全部计划</source>
        <translation>All plans</translation>
    </message>
</context>
<context>
    <name>FitWidth</name>
    <message>
        <location filename="../../desktop/views/fit_width.py" line="267"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>FlowTabs</name>
    <message>
        <location filename="../../desktop/views/flow_tabs.py" line="216"/>
        <source>页签</source>
        <extracomment>The room each side of a tab&apos;s title (its borders and a pixel to spare besides).</extracomment>
        <translation>Tabs</translation>
    </message>
</context>
<context>
    <name>Fonts</name>
    <message>
        <location filename="../../desktop/views/fonts.py" line="52"/>
        <source>请安装“微软雅黑”或“宋体”字体（Windows 中文版自带）。</source>
        <translation>Please install the “Microsoft YaHei” or “SimSun” font (included with Chinese editions of Windows).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/fonts.py" line="56"/>
        <source>请在“字体册”中启用“苹方”或其他简体中文字体。</source>
        <translation>Please enable “PingFang” or another Simplified Chinese font in Font Book.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/fonts.py" line="57"/>
        <source>请安装中文字体，例如：sudo apt install fonts-wqy-zenhei（或 fonts-noto-cjk）。</source>
        <translation>Please install a Chinese font, e.g. sudo apt install fonts-wqy-zenhei (or fonts-noto-cjk).</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="425"/>
        <source>导入计划</source>
        <extracomment>A plan was written (the ``ImportResult``). The flow ended (imported, cancelled, failed or nothing to do). Open while the user maps the columns of an unrecognised task sheet.</extracomment>
        <translation>Import plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="427"/>
        <source>计划文件 ({0});;所有文件 (*)</source>
        <translation>Plan files ({0});;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="444"/>
        <source>正在解析计划…</source>
        <translation>Parsing the plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="465"/>
        <location filename="../../desktop/views/import_preview.py" line="523"/>
        <source>该计划已导入，未做更改。</source>
        <translation>This plan was already imported; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="510"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="526"/>
        <source>已导入“{0}”：任务 {1} 项，工作项 {2} 个，新单位 {3} 个。</source>
        <translation>Imported “{0}”: {1} tasks, {2} work items, {3} new units.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="530"/>
        <source>关联上级任务 {0} 项。</source>
        <translation> {0} linked to higher-level tasks.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="139"/>
        <source>导入预览</source>
        <extracomment>The user pressed 导入: the corrected ``ParsedPlan``. The plan was parsed again (another task level): the new ``ParsedPlan``.</extracomment>
        <translation>Import preview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="171"/>
        <source>删除所选单位</source>
        <extracomment>上级任务 suggestions (filled by the controller&apos;s background job). The numbering level that holds the tasks (一、 / （一） / 1. / （1） …). The automatic parse&apos;s levels part by part, when its parts differ (kept while the user tries a single level, so that the choice can be taken back). Inline feedback on a refused edit (e.g. a blanked unit name).</extracomment>
        <translation>Remove selected units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="289"/>
        <source>第{0}部分为“{1}”</source>
        <translation>part {0} at “{1}”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="293"/>
        <source>其余为“{0}”</source>
        <translation>the rest at “{0}”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="302"/>
        <source>按部分识别：{0}</source>
        <translation>Per part: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="306"/>
        <source>“{0}”（{1} 个条目，{2} 个标注了单位）</source>
        <translation>“{0}” ({1} items, {2} with units)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="322"/>
        <source>文档中不止一个编号层级标注了单位，请确认任务所在的层级。</source>
        <translation>More than one numbering level names units; check which level holds the tasks.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="330"/>
        <source>把完成时限设为里程碑（{0} 项任务写明了完成时限）</source>
        <translation>Make deadlines milestones ({0} tasks state a deadline)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="344"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="202"/>
        <source>分工（双击单位或职责可修改）：</source>
        <extracomment>Turn each task&apos;s 完成时限 into a milestone when importing.</extracomment>
        <translation>Assignments (double-click a unit or role to change it):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="180"/>
        <source>合并所选（改用右侧名称）</source>
        <translation>Merge selected (use the name on the right)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="214"/>
        <source>单位（双击改名，所有出现处一并修改）：</source>
        <translation>Units (double-click to rename every occurrence):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="216"/>
        <source>可能是同一单位（不会自动合并，请核对后选择）：</source>
        <translation>Possibly the same unit (never merged automatically; check, then choose):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="222"/>
        <source>警告：</source>
        <translation>Warnings:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="231"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="234"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="239"/>
        <source>任务所在的编号层级：</source>
        <translation>Numbering level of the tasks:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="261"/>
        <source>{head}
章节 {sections} 个，任务 {tasks} 项，工作项 {items} 个，单位 {units} 个（其中新单位 {new} 个），量化目标 {targets} 个，警告 {warnings} 条。</source>
        <translation>{head}
{sections} sections, {tasks} tasks, {items} work items, {units} units ({new} new), {targets} targets, {warnings} warnings.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/import_preview.py" line="186"/>
        <source>可能对应的上级任务（内容相近；勾选的随导入一并关联，不勾选则不关联）：</source>
        <translation>Possible higher-level tasks (similar text; ticked ones are linked on import, others are not):</translation>
    </message>
</context>
<context>
    <name>InstructionDialog</name>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="45"/>
        <source>登记领导批示</source>
        <translation>Record a leader&apos;s instruction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="47"/>
        <source>如：王市长</source>
        <translation>e.g. Mayor Wang</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="54"/>
        <source>（不交办）</source>
        <translation>(no follow-up assignment)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="62"/>
        <source>批示领导：</source>
        <translation>Leader:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="63"/>
        <source>批示日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="64"/>
        <source>批示内容：</source>
        <translation>Instruction:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="65"/>
        <source>交办单位：</source>
        <translation>Assign to unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="66"/>
        <source>落实时限：</source>
        <translation>Due by:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="67"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="273"/>
        <source>新增工作事项</source>
        <translation>Add work item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="277"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="279"/>
        <source>内容：</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="273"/>
        <source>编辑工作事项</source>
        <translation>Edit work item</translation>
    </message>
</context>
<context>
    <name>ItemEditDialog</name>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="74"/>
        <source>修改议定事项</source>
        <translation>Edit decision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="84"/>
        <source>议定事项：</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="85"/>
        <source>责任单位：</source>
        <translation>Responsible unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="86"/>
        <source>完成时限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="87"/>
        <source>交办任务随之修改（标题、牵头单位、完成时限和办结节点）。</source>
        <translation>The assigned task follows (title, lead unit, deadline and its completion milestone).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="90"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../../desktop/views/jobs.py" line="179"/>
        <source>正在处理…</source>
        <extracomment>Jobs held for a shown window&apos;s first frame start after this even if it never comes. (done, total, text) reported by the worker; total 0 = unknown. The function&apos;s return value. The exception it raised (a ``UserError`` or a bug). The user pressed 取消 (or ``cancel()`` was called) before it finished. Always emitted last.</extracomment>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/jobs.py" line="276"/>
        <source>联动</source>
        <extracomment>Counted as running, its worker not yet queued (``start_after_first_paint``). No busy cursor and no progress dialog (background refreshes such as sync).</extracomment>
        <translation>Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/jobs.py" line="283"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="165"/>
        <source>完成时限</source>
        <extracomment>A unit cell&apos;s assignment role (&quot;lead&quot; / &quot;support&quot; / &quot;responsible&quot;; &quot;&quot; when empty). Never None: PySide6 6.12 drops a reference to None each time ``QModelIndex.data()`` returns an invalid QVariant, and the delegate asks for every painted cell. Column 0: the work item id of the row (stable across sorting and filtering). Label background of a row with a lead warning (no lead / two leads). Below one shown row in this many, a filter&apos;s unit columns are read from the shown rows&apos; cells; above, from each unit&apos;s rows (``MatrixModel._units_in``). The rowids of the tasks a full-text search found (``queries.search_task_rowids``). &quot;〔&quot;, where a 发文字号&apos;s year starts (not a literal: translatable text stays in tr()). Model role: the ledger column key of a cell or header (None for label and unit columns). Ledger columns that can be shown beside the role cells, in display order.</extracomment>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="166"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="167"/>
        <source>最新进展</source>
        <translation>Latest progress</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="168"/>
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="169"/>
        <source>最近填报</source>
        <translation>Last report</translation>
    </message>
</context>
<context>
    <name>LedgerColumns</name>
    <message>
        <location filename="../../desktop/views/ledger_columns.py" line="83"/>
        <source>台账列</source>
        <extracomment>From this many matrix rows on, the columns&apos; texts are computed on a worker. What a refresh computes: the index it is for, every row&apos;s ids, item id → key → text. The refresh running on a worker (large matrices), if any. The latest texts computed (shown again when a column is switched on).</extracomment>
        <translation>Ledger columns</translation>
    </message>
</context>
<context>
    <name>LightDelegate</name>
    <message>
        <location filename="../../desktop/views/coordination/lights.py" line="43"/>
        <source>【受阻】</source>
        <extracomment>Whether the row&apos;s work waits for an unfinished dependency (shows 【受阻】). A row&apos;s whole state (status, blocked, mark) in one call.</extracomment>
        <translation>[Blocked] </translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="359"/>
        <source>关联上级任务</source>
        <translation>Link to an upper-level task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="363"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="389"/>
        <source>上级计划：</source>
        <translation>Higher-level plan:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="390"/>
        <source>上级任务：</source>
        <translation>Upper-level task:</translation>
    </message>
</context>
<context>
    <name>LinkSuggestionsModel</name>
    <message>
        <location filename="../../desktop/models/qt/link_suggestions_model.py" line="23"/>
        <source>本计划任务（勾选即关联）</source>
        <translation>Task in this plan (tick to link)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/link_suggestions_model.py" line="24"/>
        <source>上级计划</source>
        <translation>Higher-level plan</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/link_suggestions_model.py" line="25"/>
        <source>上级任务</source>
        <translation>Higher-level task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/link_suggestions_model.py" line="26"/>
        <source>相似度</source>
        <translation>Similarity</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="38"/>
        <source>登录同步服务器</source>
        <translation>Log in to the sync server</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="50"/>
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="51"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="52"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="61"/>
        <source>本机没有可用的系统钥匙串：登录凭据只在本次运行中保留，不会写入磁盘。</source>
        <translation>No system keyring is available on this computer: the login is kept for this session only and never written to disk.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="70"/>
        <source>密码不会保存；登录凭据保存在系统钥匙串中，不写入数据库或设置文件。</source>
        <translation>The password is not saved; the login credential is kept in the system keyring, never in the database or settings file.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="76"/>
        <location filename="../../desktop/views/sync/login_dialog.py" line="127"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="102"/>
        <source>请填写以 https:// 开头的服务器地址。</source>
        <translation>Enter a server address starting with https://.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="105"/>
        <source>请填写用户名和密码。</source>
        <translation>Enter the user name and password.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/login_dialog.py" line="116"/>
        <location filename="../../desktop/views/sync/login_dialog.py" line="127"/>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="325"/>
        <source>正在载入台账…</source>
        <extracomment>The filter bar&apos;s search, on a worker (the latest text wins).</extracomment>
        <translation>Loading the ledger…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="779"/>
        <source>显示前 {shown} 行 · 正在载入台账（{n} 项任务）…</source>
        <translation>Showing the first {shown} rows · loading the ledger ({n} tasks)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="744"/>
        <source>正在搜索“{0}”…</source>
        <translation>Searching for “{0}”…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="230"/>
        <source>联动 — 行动计划任务分工</source>
        <extracomment>From this many tasks on, the window shows at once and its rows are read on a worker thread (a 100k-task database takes seconds to index); below it they are read before the window shows, so it never opens empty. While a large database&apos;s rows load on a worker, the matrix shows the rows of the first plans holding this many tasks (read before the first frame, ~60 ms at 100k tasks): the first rows of the whole matrix, in the same order and unit columns. Up to this many plans, the plan tree opens every plan&apos;s sections when loaded (with 2,000 plans opening them took ~0.4 s and showed a tree of 16,000 lines). Pages built in idle time once the first overview and its second step (催报, targets) landed (总览&apos;s first visit built it: 100–230 ms on the province database), then shown at the cost of a page switch. Not while the second step runs: at 100k tasks its worker holds the GIL for seconds, and 总览&apos;s build (~40 ms CPU) then blocked the GUI thread for 230–340 ms. Not 单位 (built, it follows the matrix&apos;s unit filter: each filter change loads the unit&apos;s items) nor 各单位 (built, it reads its light table on a worker with every new overview). How long after the first overview&apos;s second step the first of them is built. The matrix model&apos;s lead warnings and section rows, computed with the rows. A store action committed: (action name, frozenset of table names). Fired for the GUI&apos;s own store writes and by ``notify_store_changed`` after a background job wrote through its own connection. The matrix, tree and unit lists show the store&apos;s current state again. Read and write window geometry and dock layout in the settings file (off for ``--screenshot``, which always shows the default layout). Dock layout (every panel a movable dock) instead of pages; a setting. Matrix: lower-level tasks folded under their 上级任务 (plan authoring).</extracomment>
        <translation>Liandong — action plan assignments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="278"/>
        <source>台账矩阵</source>
        <extracomment>Tasks of the database while the matrix shows only its first page (else 0). The application&apos;s undo stack: coordination, authoring and unit edits (Ctrl+Z).</extracomment>
        <translation>Ledger matrix</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="301"/>
        <source>计划</source>
        <extracomment>The 单位 page (built on its first visit, see ``unit_panel``).</extracomment>
        <translation>Plans</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="303"/>
        <source>单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="306"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="400"/>
        <source>工作台</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="463"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="465"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="573"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="574"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="575"/>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="576"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="579"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="584"/>
        <source>导入计划…</source>
        <translation>Import plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="587"/>
        <source>导出 JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="589"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="592"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="596"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="598"/>
        <source>关于联动</source>
        <translation>About Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="617"/>
        <source>详情与协同面板</source>
        <translation>Detail and coordination panel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="622"/>
        <source>停靠式布局（下次启动生效）</source>
        <translation>Docking layout (from the next start)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="772"/>
        <source>显示 {shown}/{total} 行 · 正在载入范围和单位（{n} 项任务）…</source>
        <translation>Showing {shown}/{total} rows · loading scopes and units ({n} tasks)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="787"/>
        <source>计划 {plans} 个 · 任务 {tasks} 项 · 工作项 {items} 项 · 显示 {shown}/{total} 行、{units} 个单位</source>
        <translation>Plans: {plans} · tasks: {tasks} · work items: {items} · showing {shown}/{total} rows, units: {units}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="889"/>
        <source>导出 JSON</source>
        <translation>Export JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="889"/>
        <source>JSON 文件 (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="895"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="901"/>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="909"/>
        <source>联动 {0}
政府行动计划任务分工与协同。</source>
        <translation>Liandong {0}
Task coordination for government action plans.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="600"/>
        <source>恢复默认布局</source>
        <translation>Restore default layout</translation>
    </message>
</context>
<context>
    <name>MatrixLegend</name>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="365"/>
        <source>牵头</source>
        <extracomment>Text that sizes each ledger column (the header text sizes it when wider). Compact ledger layout, when the full-width label and ledger columns would leave room for fewer than ``COMPACT_UNITS`` unit columns (1366 px screens with the side panel): a narrower label column, dates, numbers and status words still whole, 最新进展 elided (its tooltip has the whole text). A full-width CJK character (国), the width unit of a unit column. Lines of an abbreviated unit header (``header_text``: two lines of two characters). Selection colour (the view&apos;s own highlight is made transparent, see MatrixView). The task (id) of the current row changed. Set while a row is made current again (``keeping_selection``): no ``task_selected``.</extracomment>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="366"/>
        <source>责任</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="367"/>
        <source>配合</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="382"/>
        <source>【受阻】</source>
        <translation>[Blocked] </translation>
    </message>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="382"/>
        <source>依赖的前置事项未完成</source>
        <translation>waits for an unfinished dependency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="387"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="387"/>
        <source>无牵头或多个牵头（悬停查看）</source>
        <translation>no lead or several leads (hover for details)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matrix_view.py" line="391"/>
        <source>图例：</source>
        <translation>Legend: </translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="784"/>
        <source>任务 / 工作项</source>
        <translation>Task / work item</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="799"/>
        <source>{name}
牵头 {lead} 项，配合 {support} 项，责任 {responsible} 项</source>
        <translation>{name}
lead {lead}, support {support}, responsible {responsible}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="400"/>
        <source>有 {0} 个牵头单位</source>
        <extracomment>Characters of a unit&apos;s abbreviated header (two lines of two, read left to right). every data row, in the current sort (a ``range`` in data order or its reverse: no array of every row kept, ~0.5 MB at 100k tasks) Every data row&apos;s ids, read once per index while ledger columns need them. data row → its lead count, for rows warned about (none, or two and more) Ledger columns after the unit columns (keys of LEDGER_COLUMNS) and their texts per work item (item id → key → text); see ``set_ledger``.</extracomment>
        <translation>{0} lead units</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/matrix_model.py" line="401"/>
        <source>没有牵头单位</source>
        <translation>No lead unit</translation>
    </message>
</context>
<context>
    <name>MeetingEdits</name>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="105"/>
        <source>联动：删除会议</source>
        <translation>Liandong: delete meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="106"/>
        <source>（仍有{0}，将保留）</source>
        <translation> (still has {0}: kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="112"/>
        <source>该会议有 {0} 项议定事项已交办为任务：
{1}

这些任务如何处理？</source>
        <translation>{0} decisions of this meeting were assigned as tasks:
{1}

What should happen to these tasks?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="117"/>
        <source>保留任务</source>
        <translation>Keep the tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meeting_edits.py" line="120"/>
        <source>归档任务（有其他记录的保留）</source>
        <translation>Archive the tasks (those with other records are kept)</translation>
    </message>
</context>
<context>
    <name>MeetingsDialog</name>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="61"/>
        <source>联动：请确认</source>
        <translation>Liandong: please confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="98"/>
        <source>调度会议</source>
        <extracomment>The window&apos;s undo stack (Ctrl+Z undoes meeting edits with every other edit).</extracomment>
        <translation>Coordination meetings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="99"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="99"/>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="99"/>
        <source>事项</source>
        <translation>Items</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="101"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="101"/>
        <location filename="../../desktop/views/meetings_dialog.py" line="105"/>
        <location filename="../../desktop/views/meetings_dialog.py" line="152"/>
        <source>议定事项</source>
        <translation>Agreed item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="101"/>
        <location filename="../../desktop/views/meetings_dialog.py" line="105"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="101"/>
        <location filename="../../desktop/views/meetings_dialog.py" line="105"/>
        <source>时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="102"/>
        <source>交办任务</source>
        <translation>Assigned task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="102"/>
        <location filename="../../desktop/views/meetings_dialog.py" line="105"/>
        <source>办理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="106"/>
        <source>最新进展</source>
        <translation>Latest progress</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="109"/>
        <source>还没有会议：点“新建会议…”开始</source>
        <translation>No meetings yet: click &quot;New meeting…&quot; to start</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="111"/>
        <source>新建会议…</source>
        <translation>New meeting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="124"/>
        <source>选择或新建一次会议。</source>
        <translation>Choose or create a meeting.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="133"/>
        <source>姓名（单位），用顿号分隔</source>
        <translation>Name (unit), separated by 、</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="144"/>
        <source>主持：</source>
        <translation>Chair:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="144"/>
        <source>出席：</source>
        <translation>Present:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="145"/>
        <source>请假：</source>
        <translation>Absent:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="145"/>
        <source>列席：</source>
        <translation>Attending:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="155"/>
        <source>添加并交办</source>
        <translation>Add and assign</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="159"/>
        <source>撤回所选</source>
        <translation>Withdraw selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="168"/>
        <source>本次会议议定事项（交办）</source>
        <translation>This meeting&apos;s agreed items (assigned)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="171"/>
        <location filename="../../desktop/views/meetings_dialog.py" line="177"/>
        <source>没有议定事项</source>
        <translation>No agreed items</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="174"/>
        <source>上次会议议定事项落实情况</source>
        <translation>Progress on the previous meeting&apos;s items</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="180"/>
        <source>打印会议纪要…</source>
        <translation>Print minutes…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="182"/>
        <source>打印工作提醒函…</source>
        <translation>Print reminder letters…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="184"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="270"/>
        <source>上次会议议定事项落实情况（没有更早的会议）</source>
        <translation>Progress on the previous meeting&apos;s items (no earlier meeting)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="273"/>
        <source>上次会议议定事项落实情况：{0} {1}</source>
        <translation>Progress on the previous meeting&apos;s items: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="279"/>
        <source>尚未报送进展</source>
        <translation>No progress reported yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="285"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="285"/>
        <source>逾期未办结</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="286"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="286"/>
        <source>交办任务已删除</source>
        <translation>Assigned task deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="426"/>
        <source>请选择责任单位。</source>
        <translation>Choose the responsible unit.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="444"/>
        <source>撤回议定事项“{0}”？交办的任务将撤销（归档保留）。</source>
        <translation>Withdraw the agreed item “{0}”? Its assigned task is withdrawn (archived, kept).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="465"/>
        <source>会议纪要</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="465"/>
        <source>工作提醒函</source>
        <translation>Reminder letters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="467"/>
        <source>PDF 文件 (*.pdf);;Word 文档 (*.docx)</source>
        <translation>PDF files (*.pdf);;Word documents (*.docx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="479"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="487"/>
        <source>已生成：{0}</source>
        <translation>Written: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="492"/>
        <source>调度会议…</source>
        <translation>Coordination meetings…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="113"/>
        <source>删除会议…</source>
        <translation>Delete meeting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="134"/>
        <source>保存会议信息</source>
        <translation>Save meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="136"/>
        <source>会议信息和出席情况</source>
        <translation>Meeting and attendance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="141"/>
        <source>会议：</source>
        <translation>Meeting:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="157"/>
        <source>修改所选…</source>
        <translation>Edit selected…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="186"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="189"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="347"/>
        <source>修改会议</source>
        <translation>Edit meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="381"/>
        <source>修改议定事项</source>
        <translation>Edit decision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="397"/>
        <source>删除会议“{0} {1}”及其议定事项？</source>
        <translation>Delete the meeting “{0} {1}” and its decisions?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="416"/>
        <source>删除会议</source>
        <translation>Delete meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="458"/>
        <source>撤回议定事项</source>
        <translation>Withdraw decision</translation>
    </message>
</context>
<context>
    <name>MergeSuggestionsModel</name>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="267"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="267"/>
        <source>可能是</source>
        <translation>Possibly</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="267"/>
        <source>依据</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="288"/>
        <source>已有单位，简称与全称</source>
        <translation>Existing unit: abbreviation and full name</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="288"/>
        <source>本计划中的另一种写法</source>
        <translation>Written another way in this plan</translation>
    </message>
</context>
<context>
    <name>MergeUnitDialog</name>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="90"/>
        <source>合并单位</source>
        <translation>Merge unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="91"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="102"/>
        <source>把“{name}”合并到：</source>
        <translation>Merge “{name}” into:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="107"/>
        <source>“{name}”的牵头、配合、责任分工将转到所选单位（重复的合并为一条），其名称和别名成为所选单位的别名，然后删除“{name}”。</source>
        <translation>The lead, support and responsible assignments of “{name}” move to the chosen unit (duplicates become one); its name and aliases become aliases of the chosen unit, then “{name}” is deleted.</translation>
    </message>
</context>
<context>
    <name>MilestoneDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="41"/>
        <source>里程碑不存在。</source>
        <translation>Milestone not found.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="46"/>
        <source>编辑里程碑</source>
        <translation>Edit milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="46"/>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="118"/>
        <source>添加里程碑</source>
        <translation>Add milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="47"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="49"/>
        <source>如：算力中心一期投入运营</source>
        <translation>e.g. Computing center phase 1 in operation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="50"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="54"/>
        <source>整个任务</source>
        <translation>Whole task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="58"/>
        <source>工作事项：</source>
        <translation>Work item:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="60"/>
        <source>暂不排期</source>
        <translation>Not scheduled yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="67"/>
        <source>截止日期：</source>
        <translation>Due date:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="76"/>
        <source>原定 {0}，已延期至 {1}（修改日期请用“延期”，原定日期保留）。</source>
        <translation>Originally {0}, extended to {1} (to change the date use “Extend”; the original date is kept).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="84"/>
        <source>（按分工：牵头单位）</source>
        <translation>(by assignment: lead unit)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="88"/>
        <source>责任单位：</source>
        <translation>Responsible unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="91"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="92"/>
        <source>已完成，完成日期：</source>
        <translation>Done, completed on:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="100"/>
        <source>完成：</source>
        <translation>Done:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/milestone_dialog.py" line="133"/>
        <source>修改里程碑</source>
        <translation>Edit milestone</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="71"/>
        <source>新建会议</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="73"/>
        <source>如：第十次调度会</source>
        <translation>e.g. 10th coordination meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="77"/>
        <source>会议名称：</source>
        <translation>Meeting:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="78"/>
        <source>会议日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="79"/>
        <source>主持人：</source>
        <translation>Chair:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meetings_dialog.py" line="80"/>
        <source>新建</source>
        <translation>Create</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="80"/>
        <source>以此计划为模板新建</source>
        <translation>New plan from a template</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="81"/>
        <source>模板：</source>
        <translation>Template:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="84"/>
        <source>编辑计划</source>
        <translation>Edit plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="86"/>
        <source>新建计划</source>
        <translation>New plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="88"/>
        <source>如：第5次调度会议定事项</source>
        <translation>e.g. Decisions of the 5th coordination meeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="90"/>
        <source>如：长府办发〔2027〕5号，可不填</source>
        <translation>e.g. 长府办发〔2027〕5号, optional</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="94"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="95"/>
        <source>发文字号：</source>
        <translation>Document no.:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="96"/>
        <source>发文机关：</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="97"/>
        <source>成文日期：</source>
        <translation>Written on:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="98"/>
        <source>发布日期：</source>
        <translation>Published on:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="103"/>
        <source>复制章节、任务、工作事项、分工和量化目标；里程碑和填报不复制。</source>
        <translation>Copies sections, tasks, work items, assignments and targets; milestones and reports are not copied.</translation>
    </message>
</context>
<context>
    <name>PlanEdits</name>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="31"/>
        <source>单位名称不能为空；要去掉一个单位，请用“删除所选单位”。</source>
        <translation>A unit name cannot be empty; to remove a unit, use “Remove selected units”.</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <location filename="../../desktop/models/qt/plan_tree_model.py" line="568"/>
        <source>计划 / 章节 / 任务</source>
        <extracomment>A task node whose task is gone (deleted since the load; a reload follows). Every node&apos;s flags (and an invalid index&apos;s). The children of a task node (it has none): one shared empty tuple. ``_Column``&apos;s task value of ``ids``: the task&apos;s rowid. A section node&apos;s level (1: a top section; 0 for other nodes), for the 范围 combo. Each node&apos;s kind (``_KINDS``), its place among the nodes added one by one (-1: a task of a run) and a run task&apos;s rowid (0 for the others). The nodes added one by one, by place: their node, id, label, tooltip (None: the label) and child nodes (``array(&quot;i&quot;)``; ``_LEAF`` for a task). (``compact``: packed, ``PackedStrings``; a tooltip None kept as &quot;&quot;) A node added one by one whose children are consecutive nodes (``compact``): ``None`` in ``_children``, its first child and their count here, by place. Whether a node added one by one has an int id (a task&apos;s rowid). Whether ``compact`` narrowed and packed the columns (``_widen``: no longer). task node → (label, task id)</extracomment>
        <translation>Plan / section / task</translation>
    </message>
</context>
<context>
    <name>PreviewAssignmentsModel</name>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="156"/>
        <source>新单位：导入时将新建</source>
        <translation>New unit: created on import</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="84"/>
        <source>任务</source>
        <extracomment>Emitted after any unit name/role change or removal. An edit was refused (a short message for the dialog&apos;s status line).</extracomment>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="84"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="84"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="84"/>
        <source>职责</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="130"/>
        <source>责任领导：{0}</source>
        <translation>Leader in charge: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="130"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="132"/>
        <source>完成时限：{0}</source>
        <translation>Deadline: {0}</translation>
    </message>
</context>
<context>
    <name>PreviewUnitsModel</name>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="239"/>
        <source>新单位</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="239"/>
        <source>已有</source>
        <translation>Known</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="208"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="208"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/preview_models.py" line="208"/>
        <source>次数</source>
        <translation>Uses</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../desktop/views/documents/printing.py" line="50"/>
        <source>没有可打印的页面。</source>
        <translation>There are no pages to print.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/documents/printing.py" line="59"/>
        <source>无法开始打印：打印机“{0}”不可用。</source>
        <translation>Cannot start printing: the printer “{0}” is not available.</translation>
    </message>
</context>
<context>
    <name>RejectedView</name>
    <message>
        <location filename="../../desktop/views/sync/rejected_view.py" line="34"/>
        <source>没有被拒绝的更改。</source>
        <extracomment>Rows were dismissed (how many).</extracomment>
        <translation>No rejected changes.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/rejected_view.py" line="37"/>
        <source>以下更改未被服务器接受，本机已恢复为服务器上的内容。如确需修改，请联系有权限的单位或协调员。</source>
        <translation>The server did not accept these changes; this computer was reset to the server&apos;s content. If the change is needed, ask a unit or coordinator with permission.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/rejected_view.py" line="42"/>
        <source>已阅，不再显示</source>
        <translation>Read, hide</translation>
    </message>
</context>
<context>
    <name>RemarksTab</name>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="89"/>
        <source>批示</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="89"/>
        <source>交办落实</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="91"/>
        <location filename="../../desktop/views/remarks_tab.py" line="124"/>
        <source>评论</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="91"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="91"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="91"/>
        <source>对象</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="95"/>
        <source>没有领导批示</source>
        <translation>No leaders&apos; instructions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="96"/>
        <source>没有评论</source>
        <translation>No comments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="103"/>
        <source>写评论（选中一条评论再发送即为回复）</source>
        <translation>Write a comment (select a comment first to reply to it)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="106"/>
        <source>评论对象</source>
        <translation>What the comment is about</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="113"/>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="115"/>
        <source>登记批示…</source>
        <translation>Record instruction…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="122"/>
        <source>领导批示</source>
        <translation>Leaders&apos; instructions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="144"/>
        <source>{0}，{1}前</source>
        <translation>{0}, by {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="145"/>
        <source>{0}（{1}）：{2}</source>
        <translation>{0} ({1}): {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="153"/>
        <source>{0} {1}：{2}</source>
        <translation>{0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="161"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="167"/>
        <source>事项 {0}</source>
        <translation>Item {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/remarks_tab.py" line="175"/>
        <source>{0} 期报告（{1}）</source>
        <translation>report {0} ({1})</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="48"/>
        <source>填报记录不存在。</source>
        <translation>The progress report does not exist.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="54"/>
        <source>更正填报</source>
        <translation>Correct progress report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="54"/>
        <source>进度填报</source>
        <translation>Progress report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="55"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="65"/>
        <source>填报单位：</source>
        <translation>Reporting unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="69"/>
        <source>整个任务</source>
        <translation>Whole task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="73"/>
        <source>工作事项：</source>
        <translation>Work item:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="75"/>
        <source>填报期（月）：</source>
        <translation>Reporting period (month):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="80"/>
        <source>未填</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="84"/>
        <source>完成百分比：</source>
        <translation>Percent complete:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="86"/>
        <source>本期进展、存在问题、下步计划</source>
        <translation>Progress this period, issues, next steps</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="88"/>
        <source>进展说明：</source>
        <translation>Progress notes:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="95"/>
        <source>目标 {0}（可不填）</source>
        <translation>Target {0} (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="101"/>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="104"/>
        <source>更正将作为新的填报记录保存，原记录保留在历史中。</source>
        <translation>The correction is saved as a new progress report; the original stays in the history.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="135"/>
        <source>已按该单位上次填报（{0}）预填，只需修改有变化的内容。</source>
        <translation>Pre-filled from this unit&apos;s last report ({0}); change only what is new.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/report_dialog.py" line="158"/>
        <source>该任务没有可填报的单位。</source>
        <translation>No unit can report on this task.</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="75"/>
        <source>处理同步冲突</source>
        <translation>Resolve sync conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="78"/>
        <source>{table}“{label}”的{field}：{kind}</source>
        <translation>{table} “{label}”, {field}: {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="86"/>
        <source>（现行）</source>
        <translation> (in force)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="89"/>
        <source>保留本机的值：{0}</source>
        <translation>Keep my value: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="93"/>
        <source>采用{0}的值：{1}</source>
        <translation>Take the value of {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="99"/>
        <source>现行值：{0}。处理之前，服务器和各台电脑都以此为准。</source>
        <translation>In force: {0}. Until the conflict is resolved, the server and every computer use it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="104"/>
        <source>改为：</source>
        <translation>Change to:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflicts_view.py" line="125"/>
        <source>处理结果作为一次新的修改，在下次同步时发送给服务器和其他用户。</source>
        <translation>The resolution is a new change, sent to the server and other users at the next sync.</translation>
    </message>
</context>
<context>
    <name>RevisionDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/revision_dialog.py" line="48"/>
        <source>用修订版更新计划</source>
        <translation>Update plan from a revised version</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/revision_dialog.py" line="51"/>
        <source>《{plan}》与修订版相比有 {n} 处变化（按内容匹配任务，序号变化的任务保留其里程碑、填报和依赖；删除的任务如已有记录则归档保留）。勾选要采用的变化：</source>
        <translation>“{plan}” differs from the revised version in {n} places (tasks are matched by content: a renumbered task keeps its milestones, reports and dependencies; a removed task with records is archived and kept). Tick the changes to apply:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/revision_dialog.py" line="68"/>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/revision_dialog.py" line="70"/>
        <source>全部采用</source>
        <translation>Accept all</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/revision_dialog.py" line="71"/>
        <source>全部不采用</source>
        <translation>Reject all</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/revision_dialog.py" line="78"/>
        <source>采用所选变化</source>
        <translation>Apply selected changes</translation>
    </message>
</context>
<context>
    <name>RevisionModel</name>
    <message>
        <location filename="../../desktop/models/qt/revision_model.py" line="21"/>
        <source>采用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/revision_model.py" line="21"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/revision_model.py" line="21"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/revision_model.py" line="56"/>
        <source>（计划）</source>
        <translation>(plan)</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="30"/>
        <source>牵</source>
        <translation>L</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="31"/>
        <source>配</source>
        <translation>S</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="32"/>
        <source>责</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="40"/>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="41"/>
        <source>配合</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/roles.py" line="42"/>
        <source>责任</source>
        <translation>Responsible</translation>
    </message>
</context>
<context>
    <name>SafetyActions</name>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="77"/>
        <source>数据库备份…</source>
        <translation>Database backups…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="88"/>
        <source>重置演示数据…</source>
        <translation>Reset demo data…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="93"/>
        <source>重置演示数据</source>
        <translation>Reset demo data</translation>
    </message>
    <message>
        <location filename="../../desktop/views/about_dialog.py" line="94"/>
        <source>清空演示配置中的所有修改并重新载入示例计划？联动随后重新启动。</source>
        <translation>Discard every change in the demo profile and load the sample plan again? Liandong then restarts.</translation>
    </message>
</context>
<context>
    <name>SectionDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="223"/>
        <source>新增章节</source>
        <translation>Add section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="225"/>
        <source>如：三（一级）或 二（子章节）</source>
        <translation>e.g. 三 (top level) or 二 (subsection)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="230"/>
        <source>（一级章节）</source>
        <translation>(top-level section)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="234"/>
        <source>上级章节：</source>
        <translation>Parent section:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="235"/>
        <source>序号：</source>
        <translation>Number:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="236"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="223"/>
        <source>编辑章节</source>
        <translation>Edit section</translation>
    </message>
</context>
<context>
    <name>SigninDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="70"/>
        <source>签收</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="72"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="75"/>
        <source>签收单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="77"/>
        <source>变化：</source>
        <translation>Changes:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="84"/>
        <source>（该任务没有可签收的单位）</source>
        <translation>(no unit can acknowledge this task)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="88"/>
        <source>尚未签收。</source>
        <translation>Not acknowledged yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="93"/>
        <source>已于 {0} 签收，此后本机没有记录到变化。</source>
        <translation>Acknowledged on {0}; no changes recorded here since.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="95"/>
        <source>其他终端</source>
        <translation>another desktop</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="100"/>
        <source>上次签收 {0} 以来：</source>
        <translation>Since the last acknowledgement on {0}:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="105"/>
        <source>请选择签收单位。</source>
        <translation>Select the unit.</translation>
    </message>
</context>
<context>
    <name>SignoffApplyDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="117"/>
        <source>申请办结</source>
        <translation>Apply to close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="119"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="123"/>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="125"/>
        <source>申请单位：</source>
        <translation>Applying unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="126"/>
        <source>办结说明（必填）：办理结果、佐证材料名称等</source>
        <translation>Evidence (required): the result and supporting documents</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="127"/>
        <source>办结说明：</source>
        <translation>Evidence:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="129"/>
        <source>由牵头单位申请；督办室审核通过（销号）后任务才算已完成。</source>
        <translation>The lead unit applies; the task is done only once the office approves.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="142"/>
        <source>该任务（事项）没有牵头单位，无法申请办结。</source>
        <translation>This task (item) has no lead unit: nobody can apply to close it.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../desktop/views/startup.py" line="47"/>
        <source>打开另一个配置</source>
        <extracomment>How often a running app checks the file and takes the daily backup when due.</extracomment>
        <translation>Open another profile</translation>
    </message>
    <message>
        <location filename="../../desktop/views/startup.py" line="48"/>
        <source>配置名称：</source>
        <translation>Profile name:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/startup.py" line="55"/>
        <source>配置名称不能为空，不能含 \ / : * ? &quot; &lt; &gt; |，最多 50 个字。</source>
        <translation>A profile name must not be empty, must not contain \ / : * ? &quot; &lt; &gt; | and has at most 50 characters.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="72"/>
        <source>已达成</source>
        <extracomment>Data role carrying a row&apos;s status (``desktop.models.status`` constant) or None. Data role carrying a row&apos;s extra payload (e.g. a node key).</extracomment>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="73"/>
        <source>逾期达成</source>
        <translation>Met late</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="74"/>
        <source>未达标</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="75"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="76"/>
        <source>尚无数值</source>
        <translation>No value yet</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="84"/>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="61"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="85"/>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="62"/>
        <source>临期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="86"/>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="63"/>
        <source>正常</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="87"/>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="64"/>
        <source>未排期</source>
        <translation>Not scheduled</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="88"/>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="66"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/coordination_models.py" line="89"/>
        <location filename="../../desktop/models/qt/unit_lights_model.py" line="65"/>
        <source>待销号</source>
        <translation>Awaiting closing</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="158"/>
        <source>启动后尚未与服务器同步。</source>
        <translation>Not synced with the server since start.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="180"/>
        <source>服务器地址已更改，请重新登录。</source>
        <translation>The server address changed; please log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="214"/>
        <source>正在同步，请稍候…</source>
        <translation>Sync in progress, please wait…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="226"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="245"/>
        <source>上传</source>
        <translation>Uploading</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="246"/>
        <source>接收</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="247"/>
        <source>下载</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="274"/>
        <source>服务器拒绝了 {0} 条更改（见 同步 → 被拒绝的更改）：
{1}</source>
        <translation>The server rejected {0} change(s) (see Sync → Rejected changes):
{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="282"/>
        <source>同步完成：上传 {0} 条，接收 {1} 条</source>
        <translation>Sync complete: {0} uploaded, {1} received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="284"/>
        <source>；新冲突 {0} 条</source>
        <translation>; {0} new conflict(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="286"/>
        <source>；被拒绝 {0} 条</source>
        <translation>; {0} rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="288"/>
        <source>；{0} 条服务器记录不符合数据规则，未写入</source>
        <translation>; {0} records from the server break the data rules and were not written</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="292"/>
        <source>；他人的 {0} 条记录本账号无权补传，需由协调员的电脑补传</source>
        <translation>; {0} records of others could not be restored by this account (a coordinator&apos;s computer will restore them)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="303"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="144"/>
        <source>当前是演示配置，其中是示例数据，不会与服务器同步。请用自己的配置登录和同步。</source>
        <extracomment>The state shown changed (``online`` / ``offline`` / ``syncing`` / ``logged_out``). A sync finished: its ``SyncReport``. A sync failed: the exception. Counts (pending, conflicts, rejected) were re-read.</extracomment>
        <translation>This is the demo profile with sample data; it is never synced with the server. Log in and sync with your own profile.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="296"/>
        <source>；附件内容上传 {0} 个、下载 {1} 个</source>
        <translation>; attachment files: {0} uploaded, {1} downloaded</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/controller.py" line="300"/>
        <source>；{0} 个附件内容未能传送，下次同步再试</source>
        <translation>; {0} attachment files could not be transferred (tried again at the next sync)</translation>
    </message>
</context>
<context>
    <name>SyncHub</name>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="75"/>
        <source>同步(&amp;S)</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="77"/>
        <source>登录…</source>
        <translation>Log in…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="78"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="80"/>
        <source>冲突…</source>
        <translation>Conflicts…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="81"/>
        <source>被拒绝的更改…</source>
        <translation>Rejected changes…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="83"/>
        <source>同步设置…</source>
        <translation>Sync settings…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="99"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/integration.py" line="112"/>
        <source>被拒绝的更改</source>
        <translation>Rejected changes</translation>
    </message>
</context>
<context>
    <name>SyncModels</name>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="36"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="37"/>
        <source>章节</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="38"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="39"/>
        <source>工作项</source>
        <translation>Work item</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="40"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="41"/>
        <location filename="../../desktop/models/qt/sync_models.py" line="63"/>
        <source>分工</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="42"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="43"/>
        <source>导入提示</source>
        <translation>Import note</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="44"/>
        <source>计划目标</source>
        <translation>Plan goal</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="45"/>
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="46"/>
        <source>进度填报</source>
        <translation>Progress report</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="47"/>
        <source>延期</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="48"/>
        <source>依赖</source>
        <translation>Dependency</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="49"/>
        <source>目标数值</source>
        <translation>Target value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="57"/>
        <source>整条记录</source>
        <translation>Whole record</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="59"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="60"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="61"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="62"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="64"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="65"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="66"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="67"/>
        <source>计划日期</source>
        <translation>Planned date</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="68"/>
        <source>完成日期</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="69"/>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="77"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="91"/>
        <source>同一字段被修改</source>
        <translation>Same field changed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="89"/>
        <source>同一字段被修改（对方的修改未被采用）</source>
        <translation>Same field changed (the other change was not applied)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="92"/>
        <source>本机修改，对方已删除</source>
        <translation>Changed here, deleted by others</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="93"/>
        <source>本机删除，对方已修改</source>
        <translation>Deleted here, changed by others</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="207"/>
        <location filename="../../desktop/models/qt/sync_models.py" line="243"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="208"/>
        <location filename="../../desktop/models/qt/sync_models.py" line="244"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="209"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="210"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="117"/>
        <location filename="../../desktop/models/qt/sync_models.py" line="211"/>
        <source>本机的值</source>
        <translation>My value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="102"/>
        <source>设备 {0}</source>
        <translation>device {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="106"/>
        <source>账号 {0}</source>
        <translation>account {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="109"/>
        <location filename="../../desktop/models/qt/sync_models.py" line="213"/>
        <source>对方</source>
        <translation>Other side</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="110"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="111"/>
        <source>对方（{0}）</source>
        <translation>other side ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="118"/>
        <location filename="../../desktop/models/qt/sync_models.py" line="212"/>
        <source>对方的值</source>
        <translation>Their value</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="124"/>
        <source>（已删除）</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="214"/>
        <source>现行值</source>
        <translation>In force</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="215"/>
        <location filename="../../desktop/models/qt/sync_models.py" line="248"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="245"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="246"/>
        <source>更改内容</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="247"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="258"/>
        <source>新增</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="259"/>
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/sync_models.py" line="260"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="19"/>
        <source>与市服务器同步</source>
        <translation>Sync with the city&apos;s server</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="28"/>
        <source>不连接服务器也能完整使用：所有数据保存在本机，连接后再把本机的更改上传、并接收其他单位的更新。</source>
        <translation>Everything works without the server: your data stays on this computer; once connected, your changes are uploaded and other units&apos; updates arrive.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="68"/>
        <source>状态：{0}</source>
        <translation>Status: {0}</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="30"/>
        <source>同步设置</source>
        <translation>Sync settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="35"/>
        <source>留空则使用系统信任的证书</source>
        <translation>Empty: use the system&apos;s trusted certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="36"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="43"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="46"/>
        <source>服务器地址：</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="47"/>
        <source>CA 证书文件：</source>
        <translation>CA certificate file:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="48"/>
        <source>自动同步间隔：</source>
        <translation>Automatic sync every:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="51"/>
        <source>单位内网使用自签名证书时，请选择信息中心提供的 CA 证书文件（PEM 格式）。代理服务器按系统环境变量（HTTPS_PROXY）设置。更改服务器地址后需要重新登录。</source>
        <translation>If your intranet uses a self-signed certificate, choose the CA certificate file (PEM) from your IT centre. Proxies follow the system environment (HTTPS_PROXY). After changing the server address, log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="71"/>
        <source>选择 CA 证书文件</source>
        <translation>Choose CA certificate file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="71"/>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="80"/>
        <source>服务器地址应以 https:// 开头。</source>
        <translation>The server address should start with https://.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_dialog.py" line="84"/>
        <source>找不到 CA 证书文件：{0}</source>
        <translation>CA certificate file not found: {0}</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="37"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="74"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="75"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="76"/>
        <source>同步中</source>
        <translation>Syncing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="77"/>
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="87"/>
        <source>上次同步 {0}</source>
        <translation>Last sync {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="88"/>
        <source>待上传 {0}</source>
        <translation>{0} to upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="90"/>
        <source>被拒绝 {0}</source>
        <translation>{0} rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="92"/>
        <source>冲突 {0}</source>
        <translation>Conflicts: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="94"/>
        <source>查看并处理同步冲突</source>
        <translation>View and resolve sync conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="97"/>
        <source>已连接同步服务器。</source>
        <translation>Connected to the sync server.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="98"/>
        <source>无法与同步服务器同步，本机数据不受影响，可继续离线工作。</source>
        <translation>Cannot sync with the server; local data is unaffected and you can keep working offline.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="99"/>
        <source>正在与同步服务器同步…</source>
        <translation>Syncing with the server…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="100"/>
        <source>尚未登录同步服务器（同步 → 登录…）。</source>
        <translation>Not logged in to a sync server (Sync → Log in…).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/status.py" line="107"/>
        <source>立即同步 (F9)</source>
        <translation>Sync now (F9)</translation>
    </message>
</context>
<context>
    <name>TargetChart</name>
    <message>
        <location filename="../../desktop/views/coordination/target_chart.py" line="51"/>
        <source>尚无数值记录</source>
        <translation>No values recorded yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_chart.py" line="92"/>
        <source>逾期达成（{0:g}%）</source>
        <translation>Met late ({0:g}%)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_chart.py" line="94"/>
        <source>已达标（{0:g}%）</source>
        <translation>Target met ({0:g}%)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_chart.py" line="96"/>
        <source>未达标：期限 {0} 已过 · 进度 {1:g}% · 差距 {2:g} {3}</source>
        <translation>Missed: deadline {0} passed · {1:g}% · gap {2:g} {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_chart.py" line="100"/>
        <source>进度 {0:g}% · 差距 {1:g} {2}</source>
        <translation>Progress {0:g}% · gap {1:g} {2}</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="308"/>
        <source>编辑量化目标</source>
        <translation>Edit target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="308"/>
        <source>新增量化目标</source>
        <translation>Add target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="310"/>
        <source>任务：</source>
        <translation>Task:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="312"/>
        <source>如：主城区5G基站数量</source>
        <translation>e.g. number of 5G base stations downtown</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="316"/>
        <source>≥ 不少于</source>
        <translation>≥ at least</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="316"/>
        <source>&gt; 多于</source>
        <translation>&gt; more than</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="316"/>
        <source>≤ 不超过</source>
        <translation>≤ at most</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="317"/>
        <source>&lt; 少于</source>
        <translation>&lt; less than</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="317"/>
        <source>= 等于</source>
        <translation>= equal to</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="323"/>
        <source>如：个、%、亿元</source>
        <translation>e.g. 个, %, 亿元</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="326"/>
        <source>指标：</source>
        <translation>Metric:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="327"/>
        <source>比较：</source>
        <translation>Comparison:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="328"/>
        <source>目标值：</source>
        <translation>Target value:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="329"/>
        <source>计量单位：</source>
        <translation>Unit of measure:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="330"/>
        <source>期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="331"/>
        <source>原文：</source>
        <translation>Source text:</translation>
    </message>
</context>
<context>
    <name>TargetValueDialog</name>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="32"/>
        <source>录入目标数值</source>
        <translation>Record target value</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="33"/>
        <source>目标：</source>
        <translation>Target:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="34"/>
        <source>目标值：</source>
        <translation>Target value:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="38"/>
        <source>最近数值：</source>
        <translation>Latest value:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="48"/>
        <source>当前数值：</source>
        <translation>Current value:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="50"/>
        <source>数据日期：</source>
        <translation>As of:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="55"/>
        <source>（未注明）</source>
        <translation>(not stated)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="58"/>
        <source>来源单位：</source>
        <translation>Source unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/target_value_dialog.py" line="60"/>
        <source>说明：</source>
        <translation>Notes:</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="155"/>
        <source>编辑任务</source>
        <translation>Edit task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="155"/>
        <source>新增任务</source>
        <translation>Add task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="157"/>
        <source>计划：</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="160"/>
        <source>排在最后</source>
        <translation>after the last task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="163"/>
        <source>（不属任何章节）</source>
        <translation>(no section)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="166"/>
        <source>如：推进算力中心建设</source>
        <translation>e.g. Build the computing centre</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="172"/>
        <source>直接填报</source>
        <translation>reported directly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="172"/>
        <source>由下级任务汇总</source>
        <translation>rolled up from lower-level tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="175"/>
        <source>序号：</source>
        <translation>Number:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="176"/>
        <source>章节：</source>
        <translation>Section:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="177"/>
        <source>标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="178"/>
        <source>内容：</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="179"/>
        <source>完成时限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/authoring/dialogs.py" line="180"/>
        <source>进度方式：</source>
        <translation>Progress:</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="53"/>
        <source>在矩阵或计划树中选择一项任务。</source>
        <extracomment>A button was pressed: &quot;add_milestone&quot;, &quot;edit_milestone&quot;, &quot;done&quot;, &quot;extend&quot;, &quot;delete_milestone&quot;, &quot;dependency&quot;, &quot;remove_dependency&quot;, &quot;target_value&quot;, &quot;report&quot;, &quot;correct_report&quot;.</extracomment>
        <translation>Select a task in the matrix or the plan tree.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="56"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="156"/>
        <source>里程碑</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="56"/>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="56"/>
        <source>原定</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="56"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="67"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="78"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="56"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="75"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="61"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="62"/>
        <source>目标值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="63"/>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="64"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="303"/>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="65"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="66"/>
        <source>差距</source>
        <translation>Gap</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="73"/>
        <source>填报期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="74"/>
        <source>事项</source>
        <translation>Work item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="76"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="121"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="77"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="83"/>
        <source>前置</source>
        <translation>Predecessor</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="83"/>
        <source>后续</source>
        <translation>Successor</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="83"/>
        <source>间隔（天）</source>
        <translation>Lag (days)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="96"/>
        <source>没有里程碑</source>
        <translation>No milestones</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="97"/>
        <source>没有依赖关系</source>
        <translation>No dependencies</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="98"/>
        <source>没有量化目标</source>
        <translation>No quantitative targets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="99"/>
        <source>没有进度填报</source>
        <translation>No progress reports</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="119"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="142"/>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="120"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="122"/>
        <source>延期…</source>
        <translation>Extend…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="123"/>
        <location filename="../../desktop/views/coordination/task_panel.py" line="143"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="124"/>
        <source>依赖…</source>
        <translation>Dependency…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="130"/>
        <source>录入数值…</source>
        <translation>Record value…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="135"/>
        <source>填报…</source>
        <translation>Report…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="136"/>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="156"/>
        <source>里程碑</source>
        <comment>tab</comment>
        <translation>Milestones</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="157"/>
        <source>目标进度</source>
        <comment>tab</comment>
        <translation>Targets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="157"/>
        <source>量化目标的进度</source>
        <translation>Progress of the quantitative targets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="158"/>
        <source>进度填报</source>
        <comment>tab</comment>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="158"/>
        <source>各单位的进度填报</source>
        <translation>The units&apos; progress reports</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="159"/>
        <source>依赖</source>
        <comment>tab</comment>
        <translation>Links</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="159"/>
        <source>依赖关系</source>
        <translation>Dependencies</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="160"/>
        <source>批示与评论</source>
        <comment>tab</comment>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="160"/>
        <source>领导批示与评论</source>
        <translation>Leaders&apos; instructions and comments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="161"/>
        <source>附件</source>
        <comment>tab</comment>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="161"/>
        <source>附件（佐证材料）</source>
        <translation>Attachments (evidence)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="162"/>
        <source>督办</source>
        <comment>tab</comment>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="162"/>
        <source>签收、办结、延期与报送</source>
        <translation>Acknowledgement, closing, extensions and reporting</translation>
    </message>
    <message>
        <source>目标进度</source>
        <translation type="vanished">Target progress</translation>
    </message>
    <message>
        <source>进度填报</source>
        <translation type="vanished">Progress report</translation>
    </message>
    <message>
        <source>依赖</source>
        <translation type="vanished">Dependencies</translation>
    </message>
    <message>
        <source>批示与评论</source>
        <translation type="vanished">Instructions &amp;&amp; comments</translation>
    </message>
    <message>
        <source>附件</source>
        <translation type="vanished">Attachments</translation>
    </message>
    <message>
        <source>督办</source>
        <translation type="vanished">Supervision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="254"/>
        <source>{0} 完成</source>
        <translation>{0} done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="303"/>
        <source>已更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/task_panel.py" line="305"/>
        <source>较早</source>
        <translation>Earlier</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../../desktop/models/qt/text.py" line="16"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/text.py" line="21"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/text.py" line="26"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/text.py" line="31"/>
        <source>（{0}）</source>
        <translation>({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/text.py" line="36"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="209"/>
        <source>正在载入…</source>
        <extracomment>A task row was clicked (task id).</extracomment>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="210"/>
        <source>还没有任务设里程碑：在“协同”面板的“里程碑”页为任务添加节点后，这里按时间排列。</source>
        <translation>No task has milestones yet: add them on the Milestone tab of the Coordination panel and they are laid out here in time.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="237"/>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="239"/>
        <source>{0}月</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="242"/>
        <source>{0}季度</source>
        <translation>Q{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="273"/>
        <source>{0}年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="278"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="284"/>
        <source>任务（{0} 项有里程碑）</source>
        <translation>Tasks ({0} with milestones)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="408"/>
        <source>{title}
{day}  {status}  {unit}</source>
        <translation>{title}
{day}  {status}  {unit}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="415"/>
        <source>原定 {0}</source>
        <translation>Originally {0}</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="450"/>
        <source>按月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="451"/>
        <source>按季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="452"/>
        <source>按年</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="457"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="459"/>
        <source>◆ 里程碑&#x3000;◇ 原定日期（已延期）&#x3000;→ 依赖（红色：受阻）&#x3000;红线：今天</source>
        <translation>◆ Milestone   ◇ Original date (extended)   → Dependency (red: blocked)   Red line: today</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/timeline.py" line="466"/>
        <source>缩放：</source>
        <translation>Zoom:</translation>
    </message>
</context>
<context>
    <name>UnitActions</name>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="137"/>
        <source>合并单位</source>
        <translation>Merge units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="153"/>
        <source>编辑单位…</source>
        <translation>Edit unit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="156"/>
        <source>合并到其他单位…</source>
        <translation>Merge into another unit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="173"/>
        <source>请先在单位列表中选择一个单位。</source>
        <translation>Select a unit in the unit list first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="210"/>
        <source>编辑单位</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="251"/>
        <source>没有选择要合并到的单位，未做更改。</source>
        <translation>No unit to merge into was chosen; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>UnitAssignmentsModel</name>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="86"/>
        <source>职责</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="86"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="86"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="86"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
</context>
<context>
    <name>UnitEditDialog</name>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="53"/>
        <source>编辑单位</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="62"/>
        <source>每行一个别名，如“长春市政务服务和数字化建设管理局”</source>
        <translation>One alias per line, e.g. “长春市政务服务和数字化建设管理局”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="66"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="67"/>
        <source>类型：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="68"/>
        <source>别名：</source>
        <translation>Aliases:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="69"/>
        <source>改名后旧名称自动保留为别名，以后导入的文件仍能对应到本单位。</source>
        <translation>After a rename the old name is kept as an alias, so documents imported later still map to this unit.</translation>
    </message>
</context>
<context>
    <name>UnitKind</name>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="39"/>
        <source>委办局</source>
        <translation>Municipal bureau</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="40"/>
        <source>城区/开发区</source>
        <translation>District / development zone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="41"/>
        <source>县（市）</source>
        <translation>County (county-level city)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="42"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="43"/>
        <source>泛指（如各电信运营商）</source>
        <translation>Group (e.g. all telecom operators)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_edit.py" line="44"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>UnitLightsView</name>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="81"/>
        <source>没有单位</source>
        <extracomment>The table was (re)loaded.</extracomment>
        <translation>No units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="82"/>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="111"/>
        <source>正在统计各单位情况…</source>
        <translation>Counting per unit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="84"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="85"/>
        <source>导出为 CSV 或 Excel（.xlsx）</source>
        <translation>Export as CSV or Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="130"/>
        <source>截至 {0}：{1} 个单位 · 红 {2} · 黄 {3} · 蓝 {4} · 绿 {5}</source>
        <translation>As of {0}: {1} units · red {2} · yellow {3} · blue {4} · green {5}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="155"/>
        <source>各单位督办情况-{0}.xlsx</source>
        <translation>units-supervision-{0}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="157"/>
        <source>导出各单位红黄绿灯表</source>
        <translation>Export the all-units light table</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/unit_lights_view.py" line="158"/>
        <source>Excel 工作簿 (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>UnitListModel</name>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="70"/>
        <source>别名：{0}</source>
        <translation>Aliases: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="35"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="35"/>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="35"/>
        <source>配合</source>
        <translation>Sup.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/qt/unit_models.py" line="35"/>
        <source>责任</source>
        <translation>Resp.</translation>
    </message>
</context>
<context>
    <name>UnitPanel</name>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="59"/>
        <source>筛选单位名称</source>
        <extracomment>A unit was picked (its id). A row of the chosen unit&apos;s list was activated (task id).</extracomment>
        <translation>Filter unit names</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="74"/>
        <source>选择一个单位，查看其牵头、配合和责任的全部工作。</source>
        <translation>Pick a unit to see everything it leads, supports or is responsible for.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="79"/>
        <location filename="../../desktop/views/unit_panel.py" line="103"/>
        <source>没有单位</source>
        <translation>No units</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="80"/>
        <source>选择一个单位，这里列出它的工作</source>
        <translation>Choose a unit to list its work here</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="103"/>
        <source>没有名称含“{0}”的单位</source>
        <translation>No unit whose name contains &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../desktop/views/unit_panel.py" line="140"/>
        <source>{name}：牵头 {lead} 项，配合 {support} 项，责任 {responsible} 项</source>
        <translation>{name}: lead {lead}, support {support}, responsible {responsible}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../desktop/views/welcome.py" line="26"/>
        <source>欢迎使用联动</source>
        <extracomment>导入计划… was pressed. 打开演示 was pressed. 连接市服务器… was pressed.</extracomment>
        <translation>Welcome to Liandong</translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome.py" line="30"/>
        <source>联动把行动计划整理成任务 × 单位的分工台账，跟踪里程碑、量化目标和进度填报。这个数据库里还没有计划，请选择一种开始方式：</source>
        <translation>Liandong turns action plans into a task × unit ledger and tracks milestones, targets and progress reports. This database holds no plan yet; choose how to start:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome.py" line="35"/>
        <source>导入计划文件…</source>
        <translation>Import a plan file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome.py" line="37"/>
        <source>支持 .txt .docx .xlsx .pdf 等格式；也可以把文件拖到窗口上。</source>
        <translation>Reads .txt, .docx, .xlsx, .pdf and more; you can also drop the file onto the window.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome.py" line="39"/>
        <source>打开演示计划</source>
        <translation>Open the demo plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome.py" line="40"/>
        <source>连接市服务器…</source>
        <translation>Connect to the city&apos;s server…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome.py" line="41"/>
        <source>也可以把计划文件直接拖放到本窗口。</source>
        <translation>You can also drag a plan file onto this window.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/welcome.py" line="44"/>
        <source>不连接服务器也能完整使用：所有数据保存在本机，连接后再把本机的更改上传、并接收其他单位的更新。</source>
        <translation>Everything works without the server: your data stays on this computer; once connected, your changes are uploaded and other units&apos; updates arrive.</translation>
    </message>
</context>
<context>
    <name>WorkflowDialogs</name>
    <message>
        <location filename="../../desktop/views/coordination/workflow_dialogs.py" line="52"/>
        <source>整项任务</source>
        <translation>Whole task</translation>
    </message>
</context>
<context>
    <name>WorkflowPanel</name>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="42"/>
        <source>事项</source>
        <extracomment>A 延期 request&apos;s milestone: its first characters (whole in the row&apos;s tooltip).</extracomment>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="42"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="42"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="43"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="46"/>
        <source>选择一项任务，查看签收、办结、延期和填报情况</source>
        <translation>Choose a task to see its sign-ins, completions, extensions and reports</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="59"/>
        <source>签收…</source>
        <translation>Acknowledge…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="60"/>
        <source>申请办结…</source>
        <translation>Apply to close…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="61"/>
        <source>审核办结…</source>
        <translation>Review closing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="62"/>
        <source>申请延期…</source>
        <translation>Request extension…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="63"/>
        <source>审批延期…</source>
        <translation>Decide extension…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="64"/>
        <source>报送周期…</source>
        <translation>Reporting cycle…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="95"/>
        <source>报送周期：{0}</source>
        <translation>Reporting cycle: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="97"/>
        <source>进度 {0:g}% · 序时进度 {1:.1f}%</source>
        <translation>Progress {0:g}% · expected {1:.1f}%</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="104"/>
        <source>办结：{0}</source>
        <translation>Closing: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="126"/>
        <source>整项任务</source>
        <translation>Whole task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="127"/>
        <source>事项{0}</source>
        <translation>Item {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="142"/>
        <source>已签收</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="145"/>
        <source>未签收</source>
        <translation>Not acknowledged</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="148"/>
        <source>签收（未签收 {0}）</source>
        <translation>Acknowledgements ({0} missing)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="148"/>
        <source>签收</source>
        <translation>Acknowledgements</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="156"/>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="184"/>
        <source>｜{0} {1}：{2}</source>
        <translation> | {0} {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="175"/>
        <source>办结申请</source>
        <translation>Closing applications</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="180"/>
        <source>{0} → {1}：{2}</source>
        <translation>{0} → {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="202"/>
        <source>延期申请</source>
        <translation>Extension requests</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="226"/>
        <source>牵头</source>
        <translation>lead</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="226"/>
        <source>责任</source>
        <translation>responsible</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="227"/>
        <source>配合</source>
        <translation>support</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="232"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="237"/>
        <source>填报 {0}</source>
        <translation>Reports {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workflow_panel.py" line="239"/>
        <source>（牵头单位 {0:g}%，配合单位 {1} 份）</source>
        <translation> (lead unit {0:g}%, {1} supporting reports)</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="47"/>
        <source>选择本单位，查看牵头、配合、责任的工作和到期、逾期、受阻情况。</source>
        <extracomment>A row naming a task was activated (task id). The chosen unit changed (unit id). A 未填报 line was activated: report for this task (task id) as the chosen unit.</extracomment>
        <translation>Pick your unit to see what it leads, supports or is responsible for, and what is due, overdue or blocked.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="51"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="51"/>
        <source>日期 / 状态</source>
        <translation>Date / status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="51"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="56"/>
        <source>选择本单位后，这里列出它的工作</source>
        <translation>Choose your unit to list its work here</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="58"/>
        <source>本单位：</source>
        <translation>My unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="79"/>
        <source>（请选择单位）</source>
        <translation>(select a unit)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="155"/>
        <source>{name}（{today}）：牵头 {lead} 项、责任 {responsible} 项、配合 {support} 项；逾期 {overdue}，临期 {due_soon}；阻碍他人 {blocking} 项，受阻于 {blocked_by} 项。</source>
        <translation>{name} ({today}): lead {lead}, responsible {responsible}, support {support}; overdue {overdue}, due soon {due_soon}; blocking others {blocking}, blocked by {blocked_by}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="140"/>
        <source>催报（按报送周期）</source>
        <translation>Reports to chase (by reporting cycle)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="125"/>
        <source>未报</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/coordination/workspace.py" line="125"/>
        <source>迟报</source>
        <translation>Late</translation>
    </message>
</context>
</TS>
