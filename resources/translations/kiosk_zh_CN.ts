<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddressField</name>
    <message>
        <source>Township</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Village</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Street and number</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AttachmentField</name>
    <message>
        <source>📷 Photograph a page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove last</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n page(s) photographed</source>
        <translation type="unfinished">
            <numerusform />
        </translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>I have read this and agree</source>
        <translation type="unfinished" />
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
        <source>Party, village and financial affairs published by the township.</source>
        <translation>镇里发布的党务、村务和财务公开信息。</translation>
    </message>
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
    <name>FieldWidget</name>
    <message>
        <source> (required)</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Year-month-day, e.g. 1958-03-12</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>18 characters; the last may be X</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>11-digit mobile number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Card number, digits only</source>
        <translation type="unfinished" />
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
        <translation><numerusform>%1年 · %2 — 共 %n 笔,%3 元</numerusform></translation>
    </message>
</context>
<context>
    <name>RepeatField</name>
    <message>
        <source>+ Add %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Please check your answers. Touch “Change” to correct a step, then submit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>Choose the service you need.</source>
        <translation>请选择您要办理的事项。</translation>
    </message>
    <message>
        <source>Government services</source>
        <translation>办事服务</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished">清空</translation>
    </message>
    <message>
        <source>Confirm signature</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✔ Signed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sign in the white box with your finger</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>This area is for village clerks and administrators. Villagers: please press Home to return.</source>
        <translation>此处供村工作人员和管理员使用。村民朋友请按“首页”返回。</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
</context>
<context>
    <name>SubsidyPage</name>
    <message>
        <source>Insert your social security card or bank card, or type your ID number.</source>
        <translation>请插入社保卡或银行卡,或在右边输入身份证号码。</translation>
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
        <source>This card could not be used for a lookup. Please type your ID number instead.</source>
        <translation>这张卡不能用来查询,请输入身份证号码。</translation>
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
        <translation><numerusform>%1年:%n 笔,%2 元</numerusform></translation>
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
</TS>
