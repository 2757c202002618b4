<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <translation><numerusform>还剩 %n 秒</numerusform></translation>
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
        <translation>请插入社保卡或银行卡,或输入身份证号码。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Subsidy lookup</source>
        <translation>惠民惠农补贴查询</translation>
    </message>
</context>
</TS>