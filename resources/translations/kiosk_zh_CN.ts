<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Whole item: %1</source>
        <translation>整份公开：%1</translation>
    </message>
    <message>
        <source>I have a question</source>
        <translation>我有疑问</translation>
    </message>
    <message>
        <source>I object</source>
        <translation>我有异议</translation>
    </message>
    <message>
        <source>%1 question(s) on this item answered</source>
        <translation>本项已答复 %1 条疑问</translation>
    </message>
    <message>
        <source>Rate this case</source>
        <translation>评价这件事</translation>
    </message>
    <message>
        <source>Print a paper rating form</source>
        <translation>打印评价表</translation>
    </message>
    <message>
        <source>Please take the form from the printer.</source>
        <translation>请从打印机取评价表。</translation>
    </message>
    <message>
        <source>The printer is not ready; ask the clerk.</source>
        <translation>打印机暂时不能用，请问代办员。</translation>
    </message>
    <message>
        <source>Answers to my questions</source>
        <translation>查意见答复</translation>
    </message>
    <message>
        <source>A question about a payment</source>
        <translation>对补贴有疑问</translation>
    </message>
    <message>
        <source>Why don&apos;t I get this subsidy?</source>
        <translation>为什么没有这项补贴?</translation>
    </message>
    <message>
        <source>Not received: %1</source>
        <translation>没有收到：%1</translation>
    </message>
    <message>
        <source>A payment I expected is missing</source>
        <translation>应该有的补贴没有收到</translation>
    </message>
    <message>
        <source>Questions, objections and complaints from this terminal</source>
        <translation>本机收到的疑问、异议和投诉</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>回访电话</translation>
    </message>
    <message>
        <source>Print a blank rating form</source>
        <translation>打印空白评价表</translation>
    </message>
    <message>
        <source>Back to the workbench</source>
        <translation>回到工作台</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>公开事项</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>补贴发放</translation>
    </message>
    <message>
        <source>Missing subsidy</source>
        <translation>没收到的补贴</translation>
    </message>
    <message>
        <source>General</source>
        <translation>一般问题</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Ratings per month (5 very satisfied … 1 very dissatisfied)</source>
        <translation>每月评价（5 非常满意 … 1 非常不满意）</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Bad share</source>
        <translation>差评率</translation>
    </message>
    <message>
        <source>Back to the console</source>
        <translation>回到管理台</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Feedback box</source>
        <translation>意见箱</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>好差评统计</translation>
    </message>
</context>
<context>
    <name>AddressField</name>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>详细地址（路、门牌号）</translation>
    </message>
</context>
<context>
    <name>AttachmentField</name>
    <message>
        <source>📷 Photograph a page</source>
        <translation>📷 拍一页</translation>
    </message>
    <message>
        <source>Remove last</source>
        <translation>删除最后一张</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) photographed</source>
        <translation>
            <numerusform>已拍 %n 页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttractPage</name>
    <message>
        <source>Latest notices from the village:</source>
        <translation>村里最新公告:</translation>
    </message>
    <message>
        <source>Touch the screen to begin: apply for services, read village affairs, look up your subsidies.</source>
        <translation>请触摸屏幕开始:办理业务、查看村务公开、查询补贴。</translation>
    </message>
    <message>
        <source>Village service terminal</source>
        <translation>村便民服务终端</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Government services</source>
        <translation>办事服务</translation>
    </message>
    <message>
        <source>Search: 低保 or dbsq</source>
        <translation>搜索：如“低保”或“dbsq”</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <source>Choose a category, then the service you need.</source>
        <translation>先选类别，再选要办的事。</translation>
    </message>
    <message>
        <source>What it is for</source>
        <translation>办什么</translation>
    </message>
    <message>
        <source>Who may apply</source>
        <translation>谁可以申请</translation>
    </message>
    <message>
        <source>Materials to bring</source>
        <translation>需要带的材料</translation>
    </message>
    <message>
        <source>Time limit and fee</source>
        <translation>办理时限和费用</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>办理依据</translation>
    </message>
    <message>
        <source>◀ All services</source>
        <translation>◀ 全部事项</translation>
    </message>
    <message>
        <source>Apply now ▶</source>
        <translation>开始申请 ▶</translation>
    </message>
    <message>
        <source>Nothing found. Try fewer characters, or ask the clerk.</source>
        <translation>没有找到。请少输几个字再试，或问村代办员。</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
    <message>
        <source>Time limit: %1 · Fee: %2</source>
        <translation>办理时限：%1 · 费用：%2</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>I have read this and agree</source>
        <translation>我已阅读并同意</translation>
    </message>
</context>
<context>
    <name>CodePad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
</context>
<context>
    <name>ConsoleView</name>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Exit the kiosk</source>
        <translation>退出终端</translation>
    </message>
    <message>
        <source>Backup to restore</source>
        <translation>要恢复的备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>USB folder</source>
        <translation>U盘文件夹</translation>
    </message>
    <message>
        <source>Export logs and audit</source>
        <translation>导出日志和审计</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>注意</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>There is no backup to restore.</source>
        <translation>没有可恢复的备份。</translation>
    </message>
    <message>
        <source>Restoring replaces today&apos;s data with the backup and restarts the kiosk. Press Restore again to confirm.</source>
        <translation>恢复会用备份替换现有数据并重启终端。再按一次“恢复”确认。</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>Do you need more time?</source>
        <translation>还需要更多时间吗?</translation>
    </message>
    <message>
        <source>Touch anywhere to continue. Otherwise the screen returns to the start and everything you entered is cleared.</source>
        <translation>请触摸屏幕任意位置继续。否则将回到首页,您填写的内容会被全部清除。</translation>
    </message>
    <message>
        <source>I need more time</source>
        <translation>我还需要时间</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>还剩 %n 秒</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>Note: the reason for a rejection, or the list of materials to bring</source>
        <translation>备注：退回原因，或需补交的材料清单</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>◀ Queue</source>
        <translation>◀ 列表</translation>
    </message>
    <message>
        <source>Print form to sign</source>
        <translation>打印申请表签字</translation>
    </message>
    <message>
        <source>The note is too long: at most %1 characters.</source>
        <translation>备注太长：最多 %1 个字。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The province refused %1 (%2); its status is now: %3</source>
        <translation>省平台拒绝了 %1（%2），当前状态：%3</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Applied by</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>填报内容</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>查看 %1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Sending to the province</source>
        <translation>上报省平台</translation>
    </message>
    <message>
        <source>The applicant in person</source>
        <translation>申请人本人办理</translation>
    </message>
    <message>
        <source>an authorised agent</source>
        <translation>授权代理人</translation>
    </message>
    <message>
        <source>a relative or friend</source>
        <translation>亲友代办</translation>
    </message>
    <message>
        <source>%1 (%2, %3) for the applicant; ID %4, phone %5</source>
        <translation>%1（%2，%3）代申请人办理；身份证 %4，电话 %5</translation>
    </message>
    <message>
        <source>letter of authorisation: %1 page(s)</source>
        <translation>授权委托书 %1 页</translation>
    </message>
    <message>
        <source>This file cannot be shown here (%1).</source>
        <translation>此文件无法在这里显示（%1）。</translation>
    </message>
</context>
<context>
    <name>DigitEntry</name>
    <message>
        <source>Number typed so far</source>
        <translation>已输入的号码</translation>
    </message>
</context>
<context>
    <name>DigitStatus</name>
    <message>
        <source>Typed %1/%2</source>
        <translation>已输入 %1/%2</translation>
    </message>
    <message numerus="yes">
        <source>Typed %n digit(s)</source>
        <translation>
            <numerusform>已输入 %n 位</numerusform>
        </translation>
    </message>
    <message>
        <source>Character %1 must be a digit; only the last may be X. Please check it.</source>
        <translation>第%1位只能是数字，只有最后一位可以是 X，请核对</translation>
    </message>
    <message>
        <source>Digits 7 to 14 are not a real birth date. Please check them.</source>
        <translation>第7到14位不是有效的出生日期，请核对</translation>
    </message>
    <message>
        <source>Character 18, the check character, does not match. Please check the number.</source>
        <translation>第18位校验码不对，请核对</translation>
    </message>
    <message>
        <source>Character %1 must be a digit. Please check it.</source>
        <translation>第%1位只能是数字，请核对</translation>
    </message>
    <message>
        <source>Digit %1 is not right for a mobile number. Please check it.</source>
        <translation>手机号码第%1位不对，请核对</translation>
    </message>
    <message>
        <source>This card number fails its check. Please check it; some old cards do, so go on if it is right.</source>
        <translation>卡号校验没有通过，请核对；个别老卡会这样，核对无误可以继续</translation>
    </message>
</context>
<context>
    <name>DisclosureDocumentPage</name>
    <message>
        <source>Print this document</source>
        <translation>打印这份公开</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>公开内容</translation>
    </message>
    <message>
        <source>This item cannot be shown: it is missing or its signature does not verify. The administrator has been told.</source>
        <translation>这条信息不能显示:它不存在,或签名验证没有通过。已报告管理员。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Sent to the printer. Please take your paper.</source>
        <translation>已发送到打印机,请取走打印件。</translation>
    </message>
    <message>
        <source>Loading picture %1…</source>
        <translation>正在载入图片 %1…</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Expense</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>In/out</source>
        <translation>收支</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经手人</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Attachment %1: ask the clerk to print it.</source>
        <translation>附件 %1:请代办员帮您打印。</translation>
    </message>
    <message>
        <source>Attachment %1 has not been downloaded yet.</source>
        <translation>附件 %1 还没有下载。</translation>
    </message>
</context>
<context>
    <name>DisclosurePage</name>
    <message>
        <source>Village affairs disclosure</source>
        <translation>三务公开</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Party affairs</source>
        <translation>党务</translation>
    </message>
    <message>
        <source>Village affairs</source>
        <translation>村务</translation>
    </message>
    <message>
        <source>Finances</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Finance ledger</source>
        <translation>财务收支台账</translation>
    </message>
    <message>
        <source>Search, e.g. 低保 or 路灯</source>
        <translation>搜索,例如:低保、路灯</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>党务</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村务</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Nothing found. Try fewer or other words, or ask the village clerk.</source>
        <translation>没有找到。请少输几个字或换个词,也可以问村代办员。</translation>
    </message>
</context>
<context>
    <name>FeedbackPage</name>
    <message>
        <source>Questions and objections</source>
        <translation>意见箱</translation>
    </message>
    <message>
        <source>I have a question</source>
        <translation>我有疑问</translation>
    </message>
    <message>
        <source>I object</source>
        <translation>我有异议</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Amount unclear</source>
        <translation>金额看不懂</translation>
    </message>
    <message>
        <source>Item unclear</source>
        <translation>事项看不懂</translation>
    </message>
    <message>
        <source>Not received</source>
        <translation>没有收到</translation>
    </message>
    <message>
        <source>Amount wrong</source>
        <translation>金额不对</translation>
    </message>
    <message>
        <source>Wrong person</source>
        <translation>不是本人</translation>
    </message>
    <message>
        <source>Paid late</source>
        <translation>发放太晚</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>What it is about</source>
        <translation>关于哪一项</translation>
    </message>
    <message>
        <source>Touch a reason, or type a few words:</source>
        <translation>点一个原因，或者写几句话：</translation>
    </message>
    <message>
        <source>Type here (Pinyin keyboard)</source>
        <translation>在这里写（拼音输入）</translation>
    </message>
    <message>
        <source>Your words</source>
        <translation>您的意见</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>留电话回访</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Your ticket code</source>
        <translation>您的查询编号</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>A general question</source>
        <translation>一般问题</translation>
    </message>
    <message>
        <source>About: %1</source>
        <translation>关于：%1</translation>
    </message>
    <message>
        <source>Call me back: %1</source>
        <translation>回访电话：%1</translation>
    </message>
    <message>
        <source>We have your words. The village will answer; with this code you can read the answer here later.</source>
        <translation>已收到您的意见。村里会答复，以后用这个编号可以在这里看答复。</translation>
    </message>
    <message>
        <source>Please take the slip from the printer.</source>
        <translation>请从打印机取回执。</translation>
    </message>
    <message>
        <source>The slip could not be printed: please write the code down.</source>
        <translation>回执没能打印，请记下编号。</translation>
    </message>
</context>
<context>
    <name>FieldWidget</name>
    <message>
        <source> (required)</source>
        <translation>（必填）</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Village service point</source>
        <translation>村便民服务中心</translation>
    </message>
    <message>
        <source>Offline mode</source>
        <translation>离线运行</translation>
    </message>
    <message>
        <source>Network OK</source>
        <translation>网络正常</translation>
    </message>
    <message>
        <source>Network down, working offline</source>
        <translation>网络中断,离线运行中</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) waiting to send</source>
        <translation>
            <numerusform>%n 项待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation>数据更新于 %1</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Touch a button below to begin.</source>
        <translation>请点击下面的按钮开始办理。</translation>
    </message>
    <message>
        <source>Apply for
services</source>
        <translation>办事
申请</translation>
    </message>
    <message>
        <source>Village affairs
disclosure</source>
        <translation>三务
公开</translation>
    </message>
    <message>
        <source>Subsidy
lookup</source>
        <translation>一卡通
补贴查询</translation>
    </message>
    <message>
        <source>Need help? Ask the clerk at the service desk.</source>
        <translation>需要帮助?请找服务台的工作人员。</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Welcome to the village service terminal</source>
        <translation>欢迎使用村便民服务终端</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Print this ledger</source>
        <translation>打印台账</translation>
    </message>
    <message>
        <source>Village finances</source>
        <translation>村级财务收支</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1年</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Sent to the printer. Please take your paper.</source>
        <translation>已发送到打印机,请取走打印件。</translation>
    </message>
    <message>
        <source>%1: income %2 yuan, expense %3 yuan, balance %4 yuan</source>
        <translation>%1年:收入 %2 元,支出 %3 元,结余 %4 元</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Expense</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>结余</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <source>Amount in yuan, e.g. 1200 or 1200.50</source>
        <translation>以元为单位，如 1200 或 1200.50</translation>
    </message>
    <message>
        <source>Year-month-day, e.g. 1958-03-12</source>
        <translation>年-月-日，如 1958-03-12</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Village service terminal</source>
        <translation>村便民服务终端</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 返回</translation>
    </message>
    <message>
        <source>⌂ Home</source>
        <translation>⌂ 首页</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>长辈版</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <source>18 characters; the last may be X</source>
        <translation>18 位，最后一位可能是 X</translation>
    </message>
    <message>
        <source>11-digit mobile number</source>
        <translation>11 位手机号</translation>
    </message>
    <message>
        <source>Card number, digits only</source>
        <translation>卡号，只填数字</translation>
    </message>
</context>
<context>
    <name>NumberPad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>PaymentTable</name>
    <message>
        <source>Period</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额(元)</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 — %n payment(s), %3 yuan</source>
        <translation>
            <numerusform>%1年 · %2 — 共 %n 笔,%3 元</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhoneEntry</name>
    <message>
        <source>Type the mobile number we should call you back on (11 digits).</source>
        <translation>请输入回访用的手机号（11位）。</translation>
    </message>
    <message>
        <source>Call-back phone</source>
        <translation>回访电话</translation>
    </message>
    <message>
        <source>No call-back</source>
        <translation>不留电话</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits and starts with 1.</source>
        <translation>手机号是以1开头的11位数字。</translation>
    </message>
</context>
<context>
    <name>PoliciesPage</name>
    <message>
        <source>Subsidies</source>
        <translation>补贴项目</translation>
    </message>
    <message>
        <source>I expected this and did not get it</source>
        <translation>这项补贴我没有收到</translation>
    </message>
    <message>
        <source>The policy list has not arrived yet. Please ask the clerk.</source>
        <translation>补贴政策还没有同步过来，请问代办员。</translation>
    </message>
    <message>
        <source>Subsidy policies</source>
        <translation>补贴政策</translation>
    </message>
    <message>
        <source>Standard: %1</source>
        <translation>标准：%1</translation>
    </message>
    <message>
        <source>Who qualifies: %1</source>
        <translation>对象：%1</translation>
    </message>
    <message>
        <source>How to apply: %1</source>
        <translation>怎么办：%1</translation>
    </message>
    <message>
        <source>Ask: %1</source>
        <translation>咨询：%1</translation>
    </message>
    <message>
        <source>Missing payment: %1</source>
        <translation>没有收到：%1</translation>
    </message>
</context>
<context>
    <name>PrivacyNotice</name>
    <message>
        <source>Before you start: your personal information</source>
        <translation>办理前请了解：您的个人信息</translation>
    </message>
    <message>
        <source>What we collect: the answers you give and the papers you photograph here.</source>
        <translation>收集什么：您在这里填写的内容和拍摄的材料。</translation>
    </message>
    <message>
        <source>Why: only to handle this application.</source>
        <translation>为什么收集：只用于办理这项申请。</translation>
    </message>
    <message>
        <source>Who receives it: the government office in charge, through the provincial service platform.</source>
        <translation>谁会收到：经省政务服务平台，交给负责办理的政府部门。</translation>
    </message>
    <message>
        <source>How long it stays on this machine: until the office has received it and finished your case, then {days} more days; then it is deleted.</source>
        <translation>在本机保存多久：部门收到并办结后，再保存{days}天，然后删除。</translation>
    </message>
    <message>
        <source>Questions: ask the village clerk at the service desk.</source>
        <translation>有疑问：请问服务窗口的村代办员。</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>I do not agree</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>The clerk can do it for you</source>
        <translation>可以请代办员帮您办理</translation>
    </message>
    <message>
        <source>That is fine. Nothing you entered was kept on this machine. Please go to the service desk: the village clerk will help you apply on paper.</source>
        <translation>没关系。您填写的内容没有保存在本机。请到服务窗口，村代办员会帮您填写纸质申请。</translation>
    </message>
    <message>
        <source>Back to the home page</source>
        <translation>返回首页</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Check progress</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <source>Submitted at this terminal</source>
        <translation>已在本机提交</translation>
    </message>
    <message>
        <source>Waiting to be sent (sent automatically when online)</source>
        <translation>等待发送（联网后自动发送）</translation>
    </message>
    <message>
        <source>Sent to the province</source>
        <translation>已发送到省平台</translation>
    </message>
    <message>
        <source>Could not be sent; the clerk will handle it</source>
        <translation>发送遇到问题，代办员会处理</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收件</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>More materials needed</source>
        <translation>需要补充材料</translation>
    </message>
    <message>
        <source>Being reviewed</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Type the receipt code printed on your receipt, or hold the receipt&apos;s QR code under the scanner.</source>
        <translation>请输入回执上的回执号，或把回执上的二维码放到扫描口下。</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Look up another</source>
        <translation>查询其他办件</translation>
    </message>
    <message>
        <source>This card does not carry an ID number. Please type your receipt code instead.</source>
        <translation>这张卡上没有身份证号码,请输入回执号查询。</translation>
    </message>
    <message>
        <source>This code is not right. Please check each character and try again.</source>
        <translation>回执号不正确，请逐个核对后再试。</translation>
    </message>
    <message>
        <source>The lookup failed. Please ask the clerk.</source>
        <translation>查询没有成功，请问村代办员。</translation>
    </message>
    <message>
        <source>No application of yours was made at this terminal.</source>
        <translation>本机没有您的申请。</translation>
    </message>
    <message>
        <source>No application with this code was made at this terminal. Ask the clerk if it was made elsewhere.</source>
        <translation>本机没有这个回执号的申请。如果是在别处申请的，请问村代办员。</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>当前状态：%1</translation>
    </message>
    <message>
        <source>What to do next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>Pick up: %1</source>
        <translation>领取：%1</translation>
    </message>
</context>
<context>
    <name>RatePage</name>
    <message>
        <source>How was our service today?</source>
        <translation>请为本次服务评价</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Too slow</source>
        <translation>办理太慢</translation>
    </message>
    <message>
        <source>Guidance unclear</source>
        <translation>指引不清楚</translation>
    </message>
    <message>
        <source>Had to come again</source>
        <translation>跑了好几趟</translation>
    </message>
    <message>
        <source>Poor attitude</source>
        <translation>服务态度差</translation>
    </message>
    <message>
        <source>Not solved</source>
        <translation>事情没办成</translation>
    </message>
    <message>
        <source>Machine problem</source>
        <translation>机器有问题</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Touch one face: very satisfied, satisfied, basically satisfied, dissatisfied or very dissatisfied. Rating is voluntary: no name, no ID number.</source>
        <translation>请点一个表情：非常满意、满意、基本满意、不满意、非常不满意。评价自愿，不记姓名和身份证号。</translation>
    </message>
    <message>
        <source>Skip, do not rate</source>
        <translation>跳过，不评价</translation>
    </message>
    <message>
        <source>A few words (optional)</source>
        <translation>写几句意见（可不写）</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>留电话回访</translation>
    </message>
    <message>
        <source>Submit rating</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>About: %1</source>
        <translation>关于：%1</translation>
    </message>
    <message>
        <source>Sorry. What went wrong? Choose one or more reasons, then Submit.</source>
        <translation>很抱歉。哪里不满意？请选原因（可多选），再点“提交评价”。</translation>
    </message>
    <message>
        <source>Call me back: %1</source>
        <translation>回访电话：%1</translation>
    </message>
    <message>
        <source>Thank you! Your rating “%1” has been recorded.</source>
        <translation>谢谢您！您的评价“%1”已记录。</translation>
    </message>
    <message>
        <source>We will call you back.</source>
        <translation>我们会打电话回访您。</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Your receipt code</source>
        <translation>您的回执号</translation>
    </message>
    <message>
        <source>Keep the printed receipt. With this code you can see how your application is going: Government services → Check progress.</source>
        <translation>请保管好回执。凭回执号可以查询办理进度：办事服务 → 办件查询。</translation>
    </message>
    <message>
        <source>Please still bring these originals to the village service centre:</source>
        <translation>请把下列材料原件带到村便民服务中心：</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>办件查询</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Application submitted</source>
        <translation>申请已提交</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在打印回执……</translation>
    </message>
    <message>
        <source>Your application for “%1” has been received by this terminal.</source>
        <translation>您的“%1”申请已提交。</translation>
    </message>
    <message>
        <source>No receipt printer here: please write the code down.</source>
        <translation>本机没有回执打印机，请记下回执号。</translation>
    </message>
    <message>
        <source>Please take your receipt from the printer.</source>
        <translation>请从打印口取走回执。</translation>
    </message>
</context>
<context>
    <name>RepeatField</name>
    <message>
        <source>+ Add %1</source>
        <translation>+ 添加%1</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>删除%1 %2</translation>
    </message>
</context>
<context>
    <name>ReplyPage</name>
    <message>
        <source>Answers to your questions</source>
        <translation>查意见答复</translation>
    </message>
    <message>
        <source>Waiting to be sent (sent automatically when online)</source>
        <translation>等待发送（联网后自动发送）</translation>
    </message>
    <message>
        <source>Sent; waiting for an answer</source>
        <translation>已送达，等待答复</translation>
    </message>
    <message>
        <source>Could not be sent; the clerk will handle it</source>
        <translation>发送遇到问题，代办员会处理</translation>
    </message>
    <message>
        <source>Received; waiting for an answer</source>
        <translation>已收到，等待答复</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>正在办理</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Type the code printed on your slip.</source>
        <translation>请输入回执上印的编号。</translation>
    </message>
    <message>
        <source>Ticket code</source>
        <translation>查询编号</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Look up another</source>
        <translation>查别的</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>现在：%1</translation>
    </message>
    <message>
        <source>Answer from %1: %2</source>
        <translation>%1 答复：%2</translation>
    </message>
    <message>
        <source>No answer yet. Please look again in a few days.</source>
        <translation>还没有答复，请过几天再来看。</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Please check your answers. Touch “Change” to correct a step, then submit.</source>
        <translation>请核对您填写的内容。要改哪一步就点“修改”，核对无误后点“提交”。</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>SetupView</name>
    <message>
        <source>Enroll staff card</source>
        <translation>登记工作人员卡</translation>
    </message>
    <message>
        <source>Terminal id</source>
        <translation>终端编号</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>村代码</translation>
    </message>
    <message>
        <source>Village name</source>
        <translation>村名</translation>
    </message>
    <message>
        <source>Province URL</source>
        <translation>省平台地址</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Idle seconds</source>
        <translation>无操作等待秒数</translation>
    </message>
    <message>
        <source>Idle seconds in forms</source>
        <translation>填表时无操作等待秒数</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Staff card for staff number</source>
        <translation>为此工号登记登录卡</translation>
    </message>
    <message>
        <source>Staff card for</source>
        <translation>登录卡工号</translation>
    </message>
    <message>
        <source>◀ Console</source>
        <translation>◀ 管理台</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>注册终端</translation>
    </message>
    <message>
        <source>Printer test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Card reader test</source>
        <translation>读卡器测试</translation>
    </message>
    <message>
        <source>Enter the one-time enrollment code from the province.</source>
        <translation>请输入省平台提供的一次性注册码。</translation>
    </message>
    <message>
        <source>Type the clerk&apos;s staff number, then press the button and put their card in the reader.</source>
        <translation>请先输入办事员的工号，再按按钮并把他的卡插入读卡器。</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>For village clerks and administrators. Villagers: please press Home.</source>
        <translation>此处供村代办员和管理员使用。村民请按“首页”返回。</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter your staff number first.</source>
        <translation>请先输入工号。</translation>
    </message>
    <message>
        <source>Now enter your PIN.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Card read. Enter your PIN to sign in with it.</source>
        <translation>已读到卡，请输入密码（PIN）登录。</translation>
    </message>
    <message>
        <source>Sign-in failed. Check the staff number (or card) and the PIN.</source>
        <translation>登录失败，请核对工号（或卡）和密码。</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>Clear</source>
        <translation>重写</translation>
    </message>
    <message>
        <source>Confirm signature</source>
        <translation>确认签名</translation>
    </message>
    <message>
        <source>✔ Signed</source>
        <translation>✔ 已签名</translation>
    </message>
    <message>
        <source>Sign in the white box with your finger</source>
        <translation>请用手指在白框里签名</translation>
    </message>
</context>
<context>
    <name>StaffLabels</name>
    <message>
        <source>Received</source>
        <translation>已受理登记</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Needs materials</source>
        <translation>待补材料</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Self-service</source>
        <translation>自助</translation>
    </message>
    <message>
        <source>Assisted (代办)</source>
        <translation>代办</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Request materials</source>
        <translation>要求补材料</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>转报</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Not queued</source>
        <translation>未排队</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>等待上报</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>正在上报</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Refused by the province</source>
        <translation>省平台拒收</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Put the clerk&apos;s social-security card or ID card in the reader now.</source>
        <translation>请现在把办事员的社保卡或身份证放到读卡器上。</translation>
    </message>
    <message>
        <source>Card enrolled for %1. The PIN is still needed to sign in.</source>
        <translation>已为 %1 登记卡。登录时仍需输入密码。</translation>
    </message>
    <message>
        <source>The form is printing.</source>
        <translation>申请表正在打印。</translation>
    </message>
    <message>
        <source>Checking the devices…</source>
        <translation>正在检查设备…</translation>
    </message>
    <message>
        <source>Syncing with the province…</source>
        <translation>正在与省平台同步…</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>已备份：%1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Saved. The kiosk uses the new settings after a restart.</source>
        <translation>已保存。终端重启后使用新设置。</translation>
    </message>
    <message>
        <source>Enrolling with the province…</source>
        <translation>正在向省平台注册…</translation>
    </message>
    <message>
        <source>Enrolled: %1</source>
        <translation>已注册：%1</translation>
    </message>
    <message>
        <source>The publisher keys changed and are not used until an admin confirms them (kiosk keys).</source>
        <translation>发布者密钥有变化，管理员确认前不会启用（kiosk keys）。</translation>
    </message>
    <message>
        <source>Test page sent (job %1).</source>
        <translation>测试页已发送（任务 %1）。</translation>
    </message>
</context>
<context>
    <name>SubsidyPage</name>
    <message>
        <source>Insert your social security card or bank card, lay your ID card on the reader, or type your ID number.</source>
        <translation>请插入社保卡或银行卡,或把身份证放在读卡区,或在右边输入身份证号码。</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Print statement (A4)</source>
        <translation>打印明细(A4)</translation>
    </message>
    <message>
        <source>Print short receipt</source>
        <translation>打印小票</translation>
    </message>
    <message>
        <source>Look up someone else</source>
        <translation>查询其他人</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>Reading your card. Please do not remove it.</source>
        <translation>正在读卡,请不要拔出卡片。</translation>
    </message>
    <message>
        <source>This card could not be used for a lookup. Please type your ID number instead.</source>
        <translation>这张卡不能用来查询,请输入身份证号码。</translation>
    </message>
    <message>
        <source>Your ID card has expired. Please renew it at the police station soon.</source>
        <translation>您的身份证已过期,请尽快到派出所换领。</translation>
    </message>
    <message>
        <source>The card could not be read. Please type your ID number.</source>
        <translation>读不出这张卡,请输入身份证号码。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters.</source>
        <translation>身份证号码是18位,请补全。</translation>
    </message>
    <message>
        <source>Only the last character of an ID number can be X.</source>
        <translation>身份证号码只有最后一位可以是X。</translation>
    </message>
    <message>
        <source>The birth date %1 in this number does not exist. Please check digits 7 to 14.</source>
        <translation>号码里的出生日期 %1 不存在,请核对第7到14位。</translation>
    </message>
    <message>
        <source>The last character does not match the others. Please check each digit and type it again.</source>
        <translation>身份证号码最后一位(校验码)对不上,请逐位核对后重新输入。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Sent to the printer. Please take your paper.</source>
        <translation>已发送到打印机,请取走打印件。</translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年份</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>%1 · card ending %2</source>
        <translation>%1 · 卡号尾号 %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n payment(s), %2 yuan</source>
        <translation>
            <numerusform>%1年:%n 笔,%2 元</numerusform>
        </translation>
    </message>
    <message>
        <source>No subsidy payments were found for you. If you think something is missing, please ask the clerk at the village service centre (bring your ID card and social security card), or call 12345.</source>
        <translation>没有查到您的补贴发放记录。如果您觉得有遗漏,请带上身份证和社保卡到村便民服务中心问代办员,或拨打 12345。</translation>
    </message>
    <message>
        <source>Subsidy lookup</source>
        <translation>补贴查询</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>⚠ %1 Please ask the clerk for help.</source>
        <translation>⚠ %1 请向工作人员求助。</translation>
    </message>
    <message>
        <source>⚠ Something went wrong and this could not be done. Please try again, or ask the clerk for help.</source>
        <translation>⚠ 出了点问题，这一步没有完成。请再试一次，或向工作人员求助。</translation>
    </message>
</context>
<context>
    <name>VoiceGuide</name>
    <message>
        <source>Read again</source>
        <translation>再读一遍</translation>
    </message>
</context>
<context>
    <name>WizardPage</name>
    <message>
        <source>◀ Previous step</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Next step ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Check your answers</source>
        <translation>核对填写内容</translation>
    </message>
    <message>
        <source>Submit ✔</source>
        <translation>提交 ✔</translation>
    </message>
    <message>
        <source>⚠ Please correct the answers marked above.</source>
        <translation>⚠ 请改正上面标出的内容。</translation>
    </message>
    <message>
        <source>⚠ Your answers could not be saved just now. They are kept on this screen and saved again at the next step; please tell the clerk.</source>
        <translation>⚠ 您填写的内容暂时无法保存。内容仍保留在本屏幕上，下一步时会再次保存；请告诉工作人员。</translation>
    </message>
    <message>
        <source>⚠ The application could not be saved. Please ask the clerk for help.</source>
        <translation>⚠ 申请没能保存，请找村代办员帮忙。</translation>
    </message>
    <message>
        <source>⚠ The document camera is not available. Please hand the papers to the clerk.</source>
        <translation>⚠ 高拍仪不能使用，请把材料交给村代办员。</translation>
    </message>
</context>
<context>
    <name>WorkbenchView</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Receipt code</source>
        <translation>回执码</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>No applications match these filters.</source>
        <translation>没有符合条件的申请。</translation>
    </message>
    <message>
        <source>Service for assisted entry</source>
        <translation>代办事项</translation>
    </message>
    <message>
        <source>Fill in for a villager (代办)</source>
        <translation>为村民代办</translation>
    </message>
    <message>
        <source>Admin console</source>
        <translation>管理台</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>共 %1 件</translation>
    </message>
</context>
</TS>
