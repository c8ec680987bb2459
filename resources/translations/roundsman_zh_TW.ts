<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Roundsman</source>
        <translation>關於 Roundsman</translation>
    </message>
    <message>
        <source>Roundsman {version}</source>
        <translation>Roundsman {version}</translation>
    </message>
    <message>
        <source>API version:</source>
        <translation>API 版本：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>資料庫：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>伺服器：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>資料夾：</translation>
    </message>
    <message>
        <source>Log file:</source>
        <translation>記錄檔：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
</context>
<context>
    <name>AccountantDialog</name>
    <message>
        <source>Export for the accountant</source>
        <translation>匯出給會計師</translation>
    </message>
    <message>
        <source>Excel workbooks (.xlsx)</source>
        <translation>Excel 活頁簿 (.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (.csv)</source>
        <translation>CSV 檔 (.csv)</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Four files are written side by side: the month&apos;s invoices, credit notes, payments and cash sales.</source>
        <translation>並排寫出四個檔案：當月的請款單、折讓單、收款與現金銷貨。</translation>
    </message>
</context>
<context>
    <name>AddRangeDialog</name>
    <message>
        <source>Add a number range</source>
        <translation>新增字軌號碼</translation>
    </message>
    <message>
        <source>The numbers the tax office allotted for a two-month period (字軌號碼), in books of 50: a range starts at …00 or …50 and ends at …49 or …99.</source>
        <translation>國稅局配給某一期（兩個月）的字軌號碼，每本 50 號：起號為 …00 或 …50，迄號為 …49 或 …99。</translation>
    </message>
    <message>
        <source>&amp;Period: *</source>
        <translation>期別(&amp;P)：*</translation>
    </message>
    <message>
        <source>e.g. 115-11 or 2026-11</source>
        <translation>例如 115-11 或 2026-11</translation>
    </message>
    <message>
        <source>&amp;Track: *</source>
        <translation>字軌(&amp;T)：*</translation>
    </message>
    <message>
        <source>two capital letters, e.g. AB</source>
        <translation>兩個大寫英文字母，例如 AB</translation>
    </message>
    <message>
        <source>&amp;First number: *</source>
        <translation>起號(&amp;F)：*</translation>
    </message>
    <message>
        <source>8 digits, e.g. 10000000</source>
        <translation>8 位數字，例如 10000000</translation>
    </message>
    <message>
        <source>&amp;Last number: *</source>
        <translation>迄號(&amp;L)：*</translation>
    </message>
    <message>
        <source>8 digits, e.g. 10000049</source>
        <translation>8 位數字，例如 10000049</translation>
    </message>
    <message>
        <source>Add range</source>
        <translation>新增字軌</translation>
    </message>
</context>
<context>
    <name>AgingWindow</name>
    <message>
        <source>Aging</source>
        <translation>帳齡</translation>
    </message>
    <message>
        <source>&amp;As of:</source>
        <translation>基準日(&amp;A)：</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>0–30 days</source>
        <translation>0–30 天</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 天</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 天</translation>
    </message>
    <message>
        <source>90+ days</source>
        <translation>90 天以上</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>匯出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export for the a&amp;ccountant…</source>
        <translation>匯出給會計師(&amp;C)…</translation>
    </message>
    <message>
        <source>A month&apos;s invoices, credit notes and payments, as Excel or CSV</source>
        <translation>某月的請款單、折讓單與收款，Excel 或 CSV</translation>
    </message>
    <message>
        <source>days overdue</source>
        <translation>逾期天數</translation>
    </message>
    <message>
        <source>current</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>{n} customer(s)</source>
        <translation>{n} 位客戶</translation>
    </message>
    <message>
        <source>{n} customer(s) owe {total}, {overdue} of it overdue</source>
        <translation>{n} 位客戶欠款 {total}，其中逾期 {overdue}</translation>
    </message>
    <message>
        <source>Aging {day}</source>
        <translation>帳齡 {day}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 檔 (*.csv)</translation>
    </message>
    <message>
        <source>Export for the accountant</source>
        <translation>匯出給會計師</translation>
    </message>
    <message>
        <source>Written: {files}</source>
        <translation>已寫出：{files}</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Manager&apos;s approval</source>
        <translation>經理核准</translation>
    </message>
    <message>
        <source>Route {plate} ({driver}): counted {counted}, the driver should hand in {expected}.</source>
        <translation>路線 {plate}（{driver}）：點收 {counted}，司機應繳 {expected}。</translation>
    </message>
    <message>
        <source>{amount} short</source>
        <translation>短少 {amount}</translation>
    </message>
    <message>
        <source>{amount} over</source>
        <translation>溢收 {amount}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>A manager approves the variance with their own user name and password; it goes to the driver&apos;s account.</source>
        <translation>由經理以自己的帳號與密碼核准差額；差額記入司機帳。</translation>
    </message>
    <message>
        <source>&amp;Manager:</source>
        <translation>經理(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <source>Approve and save</source>
        <translation>核准並儲存</translation>
    </message>
    <message>
        <source>Back to the count</source>
        <translation>回到點收</translation>
    </message>
</context>
<context>
    <name>AuditField</name>
    <message>
        <source>code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>area</source>
        <translation>區域</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>經度</translation>
    </message>
    <message>
        <source>contact person</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>payment terms (days)</source>
        <translation>付款條件（天）</translation>
    </message>
    <message>
        <source>credit limit</source>
        <translation>信用額度</translation>
    </message>
    <message>
        <source>document language</source>
        <translation>單據語言</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>minutes at the door</source>
        <translation>卸貨分鐘數</translation>
    </message>
    <message>
        <source>delivery from</source>
        <translation>可收貨起</translation>
    </message>
    <message>
        <source>delivery until</source>
        <translation>可收貨迄</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>凍結</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>單位</translation>
    </message>
    <message>
        <source>price</source>
        <translation>價格</translation>
    </message>
    <message>
        <source>tax rate</source>
        <translation>稅率</translation>
    </message>
    <message>
        <source>deposit</source>
        <translation>押金</translation>
    </message>
    <message>
        <source>weight (kg)</source>
        <translation>重量（公斤）</translation>
    </message>
    <message>
        <source>roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>tax ID</source>
        <translation>統一編號</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>幣別</translation>
    </message>
    <message>
        <source>logo</source>
        <translation>標誌</translation>
    </message>
    <message>
        <source>country of phone numbers</source>
        <translation>電話號碼的國家</translation>
    </message>
    <message>
        <source>price tolerance</source>
        <translation>價格調整幅度</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>配送日</translation>
    </message>
    <message>
        <source>depot latitude</source>
        <translation>倉庫緯度</translation>
    </message>
    <message>
        <source>depot longitude</source>
        <translation>倉庫經度</translation>
    </message>
    <message>
        <source>day starts</source>
        <translation>每日出車時間</translation>
    </message>
    <message>
        <source>day ends</source>
        <translation>每日收班時間</translation>
    </message>
    <message>
        <source>routing server</source>
        <translation>路徑服務</translation>
    </message>
    <message>
        <source>road factor</source>
        <translation>道路係數</translation>
    </message>
    <message>
        <source>average speed (km/h)</source>
        <translation>平均車速（公里/小時）</translation>
    </message>
    <message>
        <source>tax rounding</source>
        <translation>稅額進位</translation>
    </message>
    <message>
        <source>monthly cylinder rental</source>
        <translation>每月鋼瓶租金</translation>
    </message>
    <message>
        <source>block after days overdue</source>
        <translation>逾期幾天後拒收訂單</translation>
    </message>
    <message>
        <source>bank</source>
        <translation>銀行</translation>
    </message>
    <message>
        <source>bank branch</source>
        <translation>分行</translation>
    </message>
    <message>
        <source>account number</source>
        <translation>帳號</translation>
    </message>
    <message>
        <source>account name</source>
        <translation>戶名</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>delivery date</source>
        <translation>配送日期</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>time</source>
        <translation>時段</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>明細</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>override approved by</source>
        <translation>超額核准人</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <source>cash collected</source>
        <translation>收現金額</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>repeat</source>
        <translation>重複</translation>
    </message>
    <message>
        <source>interval (days)</source>
        <translation>間隔（天）</translation>
    </message>
    <message>
        <source>days</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>starts</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>ends</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>paused from</source>
        <translation>暫停起</translation>
    </message>
    <message>
        <source>paused until</source>
        <translation>暫停迄</translation>
    </message>
    <message>
        <source>skipped dates</source>
        <translation>跳過的日期</translation>
    </message>
    <message>
        <source>prospect</source>
        <translation>潛在客戶</translation>
    </message>
    <message>
        <source>prospect&apos;s phone</source>
        <translation>潛在客戶電話</translation>
    </message>
    <message>
        <source>prospect&apos;s address</source>
        <translation>潛在客戶地址</translation>
    </message>
    <message>
        <source>quote date</source>
        <translation>報價日期</translation>
    </message>
    <message>
        <source>valid until</source>
        <translation>有效期限</translation>
    </message>
    <message>
        <source>period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>cheque</source>
        <translation>支票</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>沖銷</translation>
    </message>
    <message>
        <source>routes</source>
        <translation>路線數</translation>
    </message>
    <message>
        <source>stops</source>
        <translation>站數</translation>
    </message>
    <message>
        <source>not placed</source>
        <translation>未排入</translation>
    </message>
    <message>
        <source>plate</source>
        <translation>車牌</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>載重</translation>
    </message>
    <message>
        <source>capacity in</source>
        <translation>載重單位</translation>
    </message>
    <message>
        <source>driver</source>
        <translation>司機</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>User</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Standing order</source>
        <translation>固定訂單</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>報價單</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>請款單</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>折讓單</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派車</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路線</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司機</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>車輛</translation>
    </message>
    <message>
        <source>Cash sale</source>
        <translation>現金銷貨</translation>
    </message>
    <message>
        <source>Uniform invoice</source>
        <translation>統一發票</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>折讓證明單</translation>
    </message>
    <message>
        <source>Number range</source>
        <translation>字軌號碼</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>activated</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>password changed</source>
        <translation>變更密碼</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>重設密碼</translation>
    </message>
    <message>
        <source>own price</source>
        <translation>設定專屬價</translation>
    </message>
    <message>
        <source>located on the map</source>
        <translation>已定位</translation>
    </message>
    <message>
        <source>credit limit changed</source>
        <translation>變更信用額度</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>凍結</translation>
    </message>
    <message>
        <source>unblocked</source>
        <translation>解除凍結</translation>
    </message>
    <message>
        <source>credit applied</source>
        <translation>沖抵溢收款</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <source>partially delivered</source>
        <translation>部分送達</translation>
    </message>
    <message>
        <source>delivery failed</source>
        <translation>配送失敗</translation>
    </message>
    <message>
        <source>delivery undone</source>
        <translation>撤銷配送確認</translation>
    </message>
    <message>
        <source>moved to another route</source>
        <translation>移到其他路線</translation>
    </message>
    <message>
        <source>rescheduled</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>排車</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已送出</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已婉拒</translation>
    </message>
    <message>
        <source>converted to an order</source>
        <translation>轉為訂單</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>恢復</translation>
    </message>
    <message>
        <source>date skipped</source>
        <translation>跳過日期</translation>
    </message>
    <message>
        <source>date delivered again</source>
        <translation>恢復配送日期</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>終止</translation>
    </message>
    <message>
        <source>order placed</source>
        <translation>下訂單</translation>
    </message>
    <message>
        <source>refusal dismissed</source>
        <translation>略過被拒訂單</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已開立</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>作廢</translation>
    </message>
    <message>
        <source>payment allocated</source>
        <translation>沖銷收款</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已收款</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>every so many days</source>
        <translation>每隔幾天</translation>
    </message>
    <message>
        <source>on weekdays</source>
        <translation>每週固定星期</translation>
    </message>
    <message>
        <source>on days of the month</source>
        <translation>每月固定日期</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(from {day})</source>
        <translation>(自 {day} 起)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>異動內容</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>稽核紀錄</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>類別(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜尋(&amp;S)：</translation>
    </message>
    <message>
        <source>user, name or changed value</source>
        <translation>使用者、名稱或異動的值</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新載入(&amp;L)</translation>
    </message>
    <message>
        <source>Choose an entry to see all its changes.</source>
        <translation>選擇一筆紀錄以查看其所有異動。</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>The newest {limit} entries are shown; narrow the search to see older ones.</source>
        <translation>僅顯示最新的 {limit} 筆紀錄；請縮小搜尋範圍以查看較舊的紀錄。</translation>
    </message>
    <message>
        <source>Entries: {n}</source>
        <translation>筆數：{n}</translation>
    </message>
</context>
<context>
    <name>BillingWindow</name>
    <message>
        <source>Billing</source>
        <translation>帳單</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客戶</translation>
    </message>
    <message>
        <source>An area</source>
        <translation>某個區域</translation>
    </message>
    <message>
        <source>One customer</source>
        <translation>單一客戶</translation>
    </message>
    <message>
        <source>C&amp;ustomers:</source>
        <translation>客戶(&amp;U)：</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>區域</translation>
    </message>
    <message>
        <source>F5: preview again · Ctrl+P: print preview of the chosen invoice</source>
        <translation>F5：重新預覽 · Ctrl+P：預覽列印所選請款單</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明細數</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>稅額</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Cylinder rental</source>
        <translation>鋼瓶租金</translation>
    </message>
    <message>
        <source>&amp;To bill:</source>
        <translation>待請款(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>預覽(&amp;P)</translation>
    </message>
    <message>
        <source>List what a run would bill (F5)</source>
        <translation>列出這次結帳會請款的內容 (F5)</translation>
    </message>
    <message>
        <source>&amp;Run billing…</source>
        <translation>執行結帳(&amp;R)…</translation>
    </message>
    <message>
        <source>Write the invoices of the month for the customers chosen (asks first)</source>
        <translation>為所選客戶開立當月請款單（會先詢問）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the invoice being written; the invoices written so far stay</source>
        <translation>寫完目前這張請款單後停止；已開立的請款單保留</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>請款單</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>預覽列印(&amp;V)…</translation>
    </message>
    <message>
        <source>See the chosen invoice as printed (Ctrl+P)</source>
        <translation>查看所選請款單的列印樣式 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pr&amp;int…</source>
        <translation>列印(&amp;I)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5 (half A4)</source>
        <translation>A5（半張 A4）</translation>
    </message>
    <message>
        <source>The paper the invoices are printed on</source>
        <translation>請款單列印的紙張</translation>
    </message>
    <message>
        <source>Cancel the chosen invoice with a reason, by a credit note (its deliveries stay billed)</source>
        <translation>以折讓單作廢所選的發票並填寫原因（其送貨仍視為已開票）</translation>
    </message>
    <message>
        <source>The order of the invoices in the printed pile</source>
        <translation>列印出來的請款單順序</translation>
    </message>
    <message>
        <source>Print &amp;all…</source>
        <translation>全部列印(&amp;A)…</translation>
    </message>
    <message>
        <source>All the month&apos;s invoices in one document, to preview, print or save</source>
        <translation>當月所有請款單合成一份文件，可預覽、列印或儲存</translation>
    </message>
    <message>
        <source>V&amp;oid…</source>
        <translation>作廢(&amp;O)…</translation>
    </message>
    <message>
        <source>Invoice one customer &amp;now…</source>
        <translation>立即為單一客戶開單(&amp;N)…</translation>
    </message>
    <message>
        <source>Bill everything delivered to one customer and not invoiced yet, at once</source>
        <translation>立即為單一客戶開立所有已送達未請款的內容</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未結清</translation>
    </message>
    <message>
        <source>void</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <source>Uniform invoices: each invoice of {month} gets a uniform invoice dated {end}. The e-invoice platform must have consumers&apos; invoices within 48 hours, by {b2c}, and businesses&apos; within 7 days, by {b2b} (統一發票使用辦法 第7條第4項).</source>
        <translation>統一發票：{month} 的每張請款單各開立一張統一發票，日期為 {end}。消費者的發票須於 48 小時內、即 {b2c} 前上傳至電子發票整合服務平台，營業人的發票須於 7 日內、即 {b2b} 前上傳（統一發票使用辦法 第7條第4項）。</translation>
    </message>
    <message>
        <source>{month} ends the period {label}: run its billing before these deadlines; afterwards the period&apos;s unused numbers are reported and none is left for it.</source>
        <translation>{month} 是 {label} 這一期的最後一個月：請在上述期限前執行請款；之後本期空白未使用的號碼將上傳，本期不再有號碼可用。</translation>
    </message>
    <message>
        <source>Find the customer, or choose the area.</source>
        <translation>請找到客戶，或選擇區域。</translation>
    </message>
    <message>
        <source>{n} customer(s) · {lines} line(s) · tax {tax} · total {total}</source>
        <translation>{n} 位客戶 · {lines} 筆明細 · 稅額 {tax} · 合計 {total}</translation>
    </message>
    <message>
        <source>Nothing is left to bill for {period}.</source>
        <translation>{period} 已沒有待請款的內容。</translation>
    </message>
    <message>
        <source>Write the invoices of {period} for {n} customer(s), {total} in all? Each invoice takes its number now; an invoice can later be voided, never deleted.</source>
        <translation>為 {n} 位客戶開立 {period} 的請款單，共 {total}？每張請款單現在就取得編號；請款單日後可作廢，但不能刪除。</translation>
    </message>
    <message>
        <source>Run billing</source>
        <translation>執行結帳</translation>
    </message>
    <message>
        <source>Run billing before the month ends</source>
        <translation>月底前結帳</translation>
    </message>
    <message>
        <source>{period} has not ended yet (its last day is {end}): what is delivered after this run goes on next month&apos;s invoices.</source>
        <translation>{period} 尚未結束（最後一天是 {end}）：這次結帳之後才送達的貨，會列入下個月的請款單。</translation>
    </message>
    <message>
        <source>Stopping after the invoice being written…</source>
        <translation>寫完目前這張請款單後停止…</translation>
    </message>
    <message>
        <source>{done} of {total} invoices</source>
        <translation>第 {done} / {total} 張請款單</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>{n} invoice(s) written, {total} in all</source>
        <translation>已開立 {n} 張請款單，共 {total}</translation>
    </message>
    <message>
        <source> ({n} customer(s) were invoiced before)</source>
        <translation>（{n} 位客戶先前已開單）</translation>
    </message>
    <message>
        <source>Cancelled: {summary}. Run again to bill the rest.</source>
        <translation>已取消：{summary}。再執行一次即可為其餘客戶開單。</translation>
    </message>
    <message>
        <source>&amp;Invoices of {period}: {n}, {total}</source>
        <translation>{period} 的請款單(&amp;I)：{n} 張，{total}</translation>
    </message>
    <message>
        <source>Invoice {number}</source>
        <translation>請款單 {number}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
    <message>
        <source>Invoices of {period} ({n})</source>
        <translation>{period} 的請款單（{n} 張）</translation>
    </message>
    <message>
        <source>{number} for {customer}: {total}, due {due}.</source>
        <translation>{number} 給 {customer}：{total}，到期日 {due}。</translation>
    </message>
    <message>
        <source>Void invoice</source>
        <translation>作廢請款單</translation>
    </message>
    <message>
        <source>Why is {number} ({customer}, {total}) voided?</source>
        <translation>為什麼作廢 {number}（{customer}，{total}）？</translation>
    </message>
    <message>
        <source>{number} is void.</source>
        <translation>{number} 已作廢。</translation>
    </message>
</context>
<context>
    <name>BulkOrdersWindow</name>
    <message>
        <source>Bulk orders</source>
        <translation>批次訂單</translation>
    </message>
    <message>
        <source>One row per order line. Rows with the same reference form one order; a row without a reference is an order of its own. A blank unit price takes the customer&apos;s price or the price list. Row numbers are the line numbers in the messages.
Enter: next cell · Tab: along the row · Ctrl+V: paste from Excel · Delete: clear cells · Ctrl+Del: remove rows · Ctrl+Enter: check, then place</source>
        <translation>每一列是一筆訂單明細。參考編號相同的各列會合併成一筆訂單；沒有參考編號的列則各自成為一筆訂單。單價留空時，採用客戶專屬價或牌價。訊息中的列號就是表格左側的列號。
Enter：下一格 · Tab：同列下一欄 · Ctrl+V：從 Excel 貼上 · Delete：清除儲存格 · Ctrl+Del：刪除列 · Ctrl+Enter：先檢查，再建立訂單</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客戶編號</translation>
    </message>
    <message>
        <source>Delivery date</source>
        <translation>配送日期</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>參考編號</translation>
    </message>
    <message>
        <source>The customer&apos;s code, e.g. C000123</source>
        <translation>客戶編號，例如 C000123</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, today or later</source>
        <translation>YYYY-MM-DD，今天或之後的日期</translation>
    </message>
    <message>
        <source>The product&apos;s SKU, e.g. LPG-20</source>
        <translation>產品的 SKU，例如 LPG-20</translation>
    </message>
    <message>
        <source>How many; cylinders are counted whole</source>
        <translation>數量；鋼瓶須為整數</translation>
    </message>
    <message>
        <source>Blank: the customer&apos;s price or the price list</source>
        <translation>留空：採用客戶專屬價或牌價</translation>
    </message>
    <message>
        <source>Rows with the same reference form one order; blank: the row is an order of its own</source>
        <translation>參考編號相同的各列合併成一筆訂單；留空：該列自成一筆訂單</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>檢查(&amp;C)</translation>
    </message>
    <message>
        <source>Check every row (Ctrl+Enter)</source>
        <translation>檢查每一列（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Place orders</source>
        <translation>建立訂單(&amp;P)</translation>
    </message>
    <message>
        <source>Place the checked orders (Ctrl+Enter)</source>
        <translation>建立已檢查的訂單（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>There is nothing to check: type or paste order lines into the grid.</source>
        <translation>沒有可檢查的資料：請在表格中輸入或貼上訂單明細。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>檢查中…</translation>
    </message>
    <message>
        <source>Placing {n} orders…</source>
        <translation>正在建立 {n} 筆訂單…</translation>
    </message>
    <message>
        <source>Rows with problems: {n}. Correct the red cells (the list below says why); nothing is placed until every row is right.</source>
        <translation>有問題的列：{n}。請修正紅色的儲存格（原因列在下方清單）；所有列都正確後才會建立訂單。</translation>
    </message>
    <message>
        <source>Every row is right: {lines} lines make {orders} orders. Press Place orders (or Ctrl+Enter) to place them.</source>
        <translation>每一列都正確：{lines} 列明細共組成 {orders} 筆訂單。請按「建立訂單」（或 Ctrl+Enter）建立。</translation>
    </message>
    <message>
        <source>{customer} already has an order with the reference “{ref}”; it was not placed again. Remove the row if it is that order, or change the reference.</source>
        <translation>{customer} 已有參考編號為「{ref}」的訂單，因此沒有重複建立。若就是該筆訂單，請刪除此列；否則請修改參考編號。</translation>
    </message>
    <message>
        <source>Orders placed: {n} ({numbers}).</source>
        <translation>已建立訂單：{n} 筆（{numbers}）。</translation>
    </message>
    <message>
        <source>Already placed before, not placed again: {refs}.</source>
        <translation>先前已建立，未重複建立：{refs}。</translation>
    </message>
    <message>
        <source>Orders refused: {n}. Their rows stay in the grid, in red; the list below says why.</source>
        <translation>遭拒的訂單：{n} 筆。這些列會以紅色保留在表格中；原因列在下方清單。</translation>
    </message>
    <message>
        <source>Problems ({n}):</source>
        <translation>問題（{n}）：</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel order</source>
        <translation>取消訂單</translation>
    </message>
    <message>
        <source>Cancel order {number} for {customer} ({total})? The credit it holds is released.</source>
        <translation>要取消 {customer} 的訂單 {number}（{total}）嗎？這筆訂單占用的信用額度會隨之釋放。</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>取消訂單</translation>
    </message>
    <message>
        <source>Keep the order</source>
        <translation>保留訂單</translation>
    </message>
</context>
<context>
    <name>CashBookWindow</name>
    <message>
        <source>Cash book</source>
        <translation>現金簿</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>登錄時間</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>參考編號</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>In</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>支出</translation>
    </message>
    <message>
        <source>By</source>
        <translation>經手人</translation>
    </message>
    <message>
        <source>&amp;Entries:</source>
        <translation>明細(&amp;E)：</translation>
    </message>
    <message>
        <source>Opening &amp;float…</source>
        <translation>開帳零用金(&amp;F)…</translation>
    </message>
    <message>
        <source>Cash put into the till for the day</source>
        <translation>當天放入錢櫃的現金</translation>
    </message>
    <message>
        <source>&amp;Bank deposit…</source>
        <translation>存入銀行(&amp;B)…</translation>
    </message>
    <message>
        <source>Cash taken to the bank, with the deposit slip&apos;s reference</source>
        <translation>送存銀行的現金，附存款單號</translation>
    </message>
    <message>
        <source>&amp;Correction…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <source>Managers: correct the till (also on a closed day), with the reason</source>
        <translation>經理：更正錢櫃金額（已關帳的日子也可），須附原因</translation>
    </message>
    <message>
        <source>C&amp;lose day…</source>
        <translation>關帳(&amp;L)…</translation>
    </message>
    <message>
        <source>Managers: close the cash book up to this day once every route is cashed up</source>
        <translation>經理：所有路線都繳款結算後，關閉截至當天的現金簿</translation>
    </message>
    <message>
        <source>Alt+←/→: the day before/after · F5: reload</source>
        <translation>Alt+←/→：前一天／後一天 · F5：重新載入</translation>
    </message>
    <message>
        <source>Closed by {user} at {when}</source>
        <translation>{user} 於 {when} 關帳</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未關帳</translation>
    </message>
    <message>
        <source>Routes: {routes}, cashed up: {settled}</source>
        <translation>路線：{routes}，已結算：{settled}</translation>
    </message>
    <message>
        <source>to hand in {expected} · counted {counted} · variance {variance}</source>
        <translation>應繳 {expected} · 點收 {counted} · 差額 {variance}</translation>
    </message>
    <message>
        <source>Opening: {amount}</source>
        <translation>期初：{amount}</translation>
    </message>
    <message>
        <source>Closing: {amount}</source>
        <translation>期末：{amount}</translation>
    </message>
    <message>
        <source>{entry} entered; the till closes the day at {amount}.</source>
        <translation>已登錄{entry}；錢櫃當天期末為 {amount}。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>關帳</translation>
    </message>
    <message>
        <source>Close the cash book up to {day}? Its closing, {amount}, is recorded; after that only a manager&apos;s correction changes it.</source>
        <translation>關閉截至 {day} 的現金簿？期末 {amount} 將被記錄；之後只能由經理更正。</translation>
    </message>
    <message>
        <source>The cash book is closed up to {day} at {amount}.</source>
        <translation>現金簿已關帳至 {day}，期末 {amount}。</translation>
    </message>
</context>
<context>
    <name>CashUpWindow</name>
    <message>
        <source>Cash-up</source>
        <translation>司機繳款</translation>
    </message>
    <message>
        <source>Settlement s&amp;heet…</source>
        <translation>繳款結算表(&amp;H)…</translation>
    </message>
    <message>
        <source>Print preview of the day&apos;s settlement sheet, with the drivers&apos; and the clerk&apos;s signatures (Ctrl+P)</source>
        <translation>預覽當天的繳款結算表，含司機與會計簽名欄 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Alt+←→ day · ↑↓ routes · Enter: count · Enter in the count or Ctrl+S: save · Ctrl+P: settlement sheet · F5: reload</source>
        <translation>Alt+←→ 日期 · ↑↓ 路線 · Enter：點收 · 點收中按 Enter 或 Ctrl+S：儲存 · Ctrl+P：結算表 · F5：重新載入</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>車輛</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司機</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>站數</translation>
    </message>
    <message>
        <source>To confirm</source>
        <translation>待確認</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>應繳</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>點收</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>差額</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>&amp;Routes:</source>
        <translation>路線(&amp;R)：</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>單據</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>&amp;What the driver should hand in:</source>
        <translation>司機應繳明細(&amp;W)：</translation>
    </message>
    <message>
        <source>Re&amp;open…</source>
        <translation>重新開啟(&amp;O)…</translation>
    </message>
    <message>
        <source>Managers: reopen the cash-up so that the route&apos;s deliveries or collections can change</source>
        <translation>經理：重新開啟繳款結算，讓該路線的送貨或收款可以更改</translation>
    </message>
    <message>
        <source>A manager may reopen it.</source>
        <translation>經理可重新開啟。</translation>
    </message>
    <message>
        <source>No route chosen.</source>
        <translation>未選路線。</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已結算</translation>
    </message>
    <message>
        <source>Settled with variance</source>
        <translation>已結算（有差額）</translation>
    </message>
    <message>
        <source>Reopened, to count again</source>
        <translation>已重開，待重新點收</translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation>未點收</translation>
    </message>
    <message>
        <source>Cash sale</source>
        <translation>現金銷貨</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Deposit taken</source>
        <translation>收取押金</translation>
    </message>
    <message>
        <source>Deposit paid back</source>
        <translation>退還押金</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>{amount} short</source>
        <translation>短少 {amount}</translation>
    </message>
    <message>
        <source>{amount} over</source>
        <translation>溢收 {amount}</translation>
    </message>
    <message>
        <source>Settled by {user} at {when}.</source>
        <translation>{user} 於 {when} 結算。</translation>
    </message>
    <message>
        <source>Variance approved by {user}.</source>
        <translation>差額由 {user} 核准。</translation>
    </message>
    <message>
        <source>Expected {expected} · counted {counted} (cash {cash}, cheques {cheques})</source>
        <translation>應繳 {expected} · 點收 {counted}（現金 {cash}，支票 {cheques}）</translation>
    </message>
    <message>
        <source>Variance: {variance}</source>
        <translation>差額：{variance}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Notes and coins: {list}</source>
        <translation>鈔票與硬幣：{list}</translation>
    </message>
    <message>
        <source>Cheques:</source>
        <translation>支票：</translation>
    </message>
    <message>
        <source>{routes} route(s) · {settled} settled · expected {expected} · counted {counted}</source>
        <translation>{routes} 條路線 · 已結算 {settled} · 應繳 {expected} · 點收 {counted}</translation>
    </message>
    <message>
        <source>No route is confirmed for this day; dispatch confirms the routes in the Dispatch window.</source>
        <translation>這天沒有已確認的路線；派車人員在「派車」視窗確認路線。</translation>
    </message>
    <message>
        <source>No route chosen</source>
        <translation>未選路線</translation>
    </message>
    <message>
        <source>{plate} · {driver} · {day}</source>
        <translation>{plate} · {driver} · {day}</translation>
    </message>
    <message>
        <source>no driver</source>
        <translation>無司機</translation>
    </message>
    <message>
        <source>Cash sales {sales} + collected at stops {collected} − refunds {refunds} + cylinder deposits {deposits} = to hand in {expected}</source>
        <translation>現金銷貨 {sales} + 停靠點收款 {collected} − 退款 {refunds} + 鋼瓶押金 {deposits} = 應繳 {expected}</translation>
    </message>
    <message>
        <source>Cash sales {sales} + collected at stops {collected} − refunds {refunds} = to hand in {expected}</source>
        <translation>現金銷貨 {sales} + 停靠點收款 {collected} − 退款 {refunds} = 應繳 {expected}</translation>
    </message>
    <message>
        <source>{count} stop(s) of this route are not confirmed yet: confirm them in Deliveries before the cash-up.</source>
        <translation>這條路線還有 {count} 個停靠點未確認：請先在「送貨」確認，再繳款結算。</translation>
    </message>
    <message>
        <source>Cylinders: none on this route.</source>
        <translation>鋼瓶：這條路線沒有鋼瓶。</translation>
    </message>
    <message>
        <source>{sku} loaded {loaded}, delivered {delivered}, collected {collected}; back {full} full / {empty} empty of {expected_full} / {expected_empty}</source>
        <translation>{sku} 已裝車 {loaded}，已送出 {delivered}，已收回 {collected}；回庫實瓶 {full} / 空瓶 {empty}（應回 {expected_full} / {expected_empty}）</translation>
    </message>
    <message>
        <source>Cylinders: {parts}</source>
        <translation>鋼瓶：{parts}</translation>
    </message>
    <message>
        <source>not returned yet</source>
        <translation>尚未回庫</translation>
    </message>
    <message>
        <source>difference: {reason}</source>
        <translation>差異：{reason}</translation>
    </message>
    <message>
        <source>Counted {counted} before; reopened by {user} at {when}: {reason}</source>
        <translation>先前點收 {counted}；{user} 於 {when} 重新開啟：{reason}</translation>
    </message>
    <message>
        <source>Route {plate} is not settled: {errors}</source>
        <translation>路線 {plate} 未結算：{errors}</translation>
    </message>
    <message>
        <source>Route {plate} is settled: counted {counted}.</source>
        <translation>路線 {plate} 已結算：點收 {counted}。</translation>
    </message>
    <message>
        <source>Route {plate} is settled: counted {counted}, {variance}, approved by {user}.</source>
        <translation>路線 {plate} 已結算：點收 {counted}，{variance}，由 {user} 核准。</translation>
    </message>
    <message>
        <source>The cash-up of route {plate} is reopened; count it again when its stops are right.</source>
        <translation>路線 {plate} 的繳款結算已重新開啟；停靠點改正後請重新點收。</translation>
    </message>
    <message>
        <source>Settlement sheet {day}</source>
        <translation>繳款結算表 {day}</translation>
    </message>
</context>
<context>
    <name>ClearDialog</name>
    <message>
        <source>Clear gas stop</source>
        <translation>解除停止供氣</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
</context>
<context>
    <name>CollectDialog</name>
    <message>
        <source>Payment at the stop</source>
        <translation>停靠點收款</translation>
    </message>
    <message>
        <source>{customer} pays the driver at the stop on {day}.</source>
        <translation>{customer} 於 {day} 在停靠點付款給司機。</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>請款單</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未結清</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>沖銷</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方式(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Amount: *</source>
        <translation>金額(&amp;A)：*</translation>
    </message>
    <message>
        <source>Cheque n&amp;umber: *</source>
        <translation>支票號碼(&amp;U)：*</translation>
    </message>
    <message>
        <source>&amp;Bank: *</source>
        <translation>付款銀行(&amp;B)：*</translation>
    </message>
    <message>
        <source>Cheque &amp;date: *</source>
        <translation>支票日期(&amp;D)：*</translation>
    </message>
    <message>
        <source>Re&amp;ference:</source>
        <translation>參考編號(&amp;F)：</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>登錄收款</translation>
    </message>
    <message>
        <source>Open invoices (oldest due first):</source>
        <translation>未結請款單（最早到期在前）：</translation>
    </message>
    <message>
        <source>Open on invoices: {owed}</source>
        <translation>請款單未結清：{owed}</translation>
    </message>
    <message>
        <source>unallocated credit: {credit}</source>
        <translation>未沖銷溢付款：{credit}</translation>
    </message>
    <message>
        <source>{placed} placed on the oldest invoices; {rest} stays as credit.</source>
        <translation>{placed} 沖銷最早的請款單；{rest} 留作溢付款。</translation>
    </message>
    <message>
        <source>{placed} placed on the oldest invoices.</source>
        <translation>{placed} 沖銷最早的請款單。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to the office server</source>
        <translation>連線到辦公室伺服器</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>伺服器(&amp;S)：</translation>
    </message>
    <message>
        <source>This workstation does not know the server yet. The server shows this certificate fingerprint:</source>
        <translation>本工作站還不認識這台伺服器。伺服器出示的憑證指紋是：</translation>
    </message>
    <message>
        <source>Compare it with the fingerprint the server printed when it started (the administrator has it). Trust the server only if they are the same.</source>
        <translation>請與伺服器啟動時印出的指紋比對（系統管理員有這個值）。完全相同時才信任這台伺服器。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>連線</translation>
    </message>
    <message>
        <source>Trust this server</source>
        <translation>信任這台伺服器</translation>
    </message>
</context>
<context>
    <name>CopyButton</name>
    <message>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>複製詳細資料</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Reverse document {id} ({document}, {day}): {summary}</source>
        <translation>沖銷單據 {id}（{document}，{day}）：{summary}</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>沖銷</translation>
    </message>
</context>
<context>
    <name>CountDialog</name>
    <message>
        <source>&amp;Route: *</source>
        <translation>路線(&amp;R)：*</translation>
    </message>
    <message>
        <source>{plate} (from {depot})</source>
        <translation>{plate}（由 {depot} 出車）</translation>
    </message>
    <message>
        <source>&amp;Depot: *</source>
        <translation>倉庫(&amp;D)：*</translation>
    </message>
    <message>
        <source>&amp;From: *</source>
        <translation>來源(&amp;F)：*</translation>
    </message>
    <message>
        <source>&amp;To: *</source>
        <translation>目的地(&amp;T)：*</translation>
    </message>
    <message>
        <source>{document} on {day}</source>
        <translation>{document}（{day}）</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>實瓶</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>空瓶</translation>
    </message>
    <message>
        <source>Cost per kg</source>
        <translation>每公斤成本</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>規格：</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Seria&amp;ls:</source>
        <translation>鋼瓶號碼(&amp;L)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>{sku}: {full:+d} full, {empty:+d} empty</source>
        <translation>{sku}：實瓶 {full:+d}，空瓶 {empty:+d}</translation>
    </message>
    <message>
        <source>Differs from what should come back: {parts}. Give the reason; the rest stays on the truck.</source>
        <translation>與應回數量有差異：{parts}。請填寫原因；未回庫的部分仍記在貨車上。</translation>
    </message>
    <message>
        <source>As expected: loaded − delivered + collected.</source>
        <translation>與應回數量相符：已裝車 − 已送出 + 已收回。</translation>
    </message>
    <message>
        <source>Choose a route of {day}.</source>
        <translation>請選擇 {day} 的路線。</translation>
    </message>
</context>
<context>
    <name>CountForm</name>
    <message>
        <source>Count by &amp;denomination</source>
        <translation>依面額點收(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Cash counted:</source>
        <translation>點收現金(&amp;C)：</translation>
    </message>
    <message>
        <source>How many of {face}</source>
        <translation>{face} 的張數／枚數</translation>
    </message>
    <message>
        <source>Cheques:</source>
        <translation>支票：</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>號碼</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>銀行</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>No cheques.</source>
        <translation>沒有支票。</translation>
    </message>
    <message>
        <source>Add c&amp;heque</source>
        <translation>新增支票(&amp;H)</translation>
    </message>
    <message>
        <source>A cheque the driver brought back</source>
        <translation>司機帶回的支票</translation>
    </message>
    <message>
        <source>Required when the count is off</source>
        <translation>點收有差額時必填</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Save cash-up</source>
        <translation>儲存繳款結算(&amp;S)</translation>
    </message>
    <message>
        <source>Settle the route with this count (Enter, Ctrl+S)</source>
        <translation>以此點收結算路線 (Enter、Ctrl+S)</translation>
    </message>
    <message>
        <source>Remove this cheque</source>
        <translation>移除這張支票</translation>
    </message>
    <message>
        <source>Counted: {total} (cash {cash} + cheques {cheques})</source>
        <translation>點收：{total}（現金 {cash} + 支票 {cheques}）</translation>
    </message>
    <message>
        <source>Variance: none — the count matches</source>
        <translation>差額：無，點收相符</translation>
    </message>
    <message>
        <source>Variance: {amount} short</source>
        <translation>差額：短少 {amount}</translation>
    </message>
    <message>
        <source>Variance: {amount} over</source>
        <translation>差額：溢收 {amount}</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
</context>
<context>
    <name>CreditChangeDialog</name>
    <message>
        <source>Change credit limit</source>
        <translation>變更信用額度</translation>
    </message>
    <message>
        <source>Block customer</source>
        <translation>凍結客戶</translation>
    </message>
    <message>
        <source>Unblock customer</source>
        <translation>解除凍結客戶</translation>
    </message>
    <message>
        <source>{customer}
Limit now {limit}; owed and on order {exposure}.</source>
        <translation>{customer}
目前額度 {limit}；應收餘額加未結訂單共 {exposure}。</translation>
    </message>
    <message>
        <source>{customer}
A blocked customer cannot order on account until a manager unblocks them.</source>
        <translation>{customer}
客戶凍結後就不能再下月結訂單，直到經理解除凍結為止。</translation>
    </message>
    <message>
        <source>{customer}
Blocked because: {reason}</source>
        <translation>{customer}
凍結原因：{reason}</translation>
    </message>
    <message>
        <source>New &amp;limit:</source>
        <translation>新額度(&amp;L)：</translation>
    </message>
    <message>
        <source>0 means cash only: every order on account then needs a manager&apos;s override.</source>
        <translation>0 表示僅限現金：之後每筆月結訂單都需要經理超額核准。</translation>
    </message>
    <message>
        <source>Required; kept in the audit log</source>
        <translation>必填；會記錄在稽核紀錄中</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Change limit</source>
        <translation>變更額度</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>凍結</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>解除凍結</translation>
    </message>
</context>
<context>
    <name>CreditNoteDialog</name>
    <message>
        <source>Credit note</source>
        <translation>折讓單</translation>
    </message>
    <message>
        <source>A credit note for {customer}</source>
        <translation>給 {customer} 的折讓單</translation>
    </message>
    <message>
        <source>A credit note for {customer}, on invoice {number} ({open} open)</source>
        <translation>給 {customer} 的折讓單，沖請款單 {number}（未結清 {open}）</translation>
    </message>
    <message>
        <source>&amp;Amount: *</source>
        <translation>金額(&amp;A)：*</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>Another manager approves the credit note with their own user name and password.</source>
        <translation>由另一位經理以自己的帳號與密碼核准折讓單。</translation>
    </message>
    <message>
        <source>&amp;Manager:</source>
        <translation>經理(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <source>Give credit note</source>
        <translation>開立折讓單</translation>
    </message>
</context>
<context>
    <name>CreditWindow</name>
    <message>
        <source>Credit</source>
        <translation>信用管理</translation>
    </message>
    <message>
        <source>Name, phone, code or address</source>
        <translation>名稱、電話、編號或地址</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜尋(&amp;S)：</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客戶</translation>
    </message>
    <message>
        <source>Over the limit</source>
        <translation>超出額度</translation>
    </message>
    <message>
        <source>90 % of the limit or more</source>
        <translation>已用額度 90% 以上</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已凍結</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>顯示(&amp;H)：</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>匯出至 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Every customer in the list, all pages</source>
        <translation>清單中的全部客戶（包含所有頁面）</translation>
    </message>
    <message>
        <source>Overdue 0–30</source>
        <translation>逾期 0–30 天</translation>
    </message>
    <message>
        <source>31–60</source>
        <translation>31–60 天</translation>
    </message>
    <message>
        <source>61–90</source>
        <translation>61–90 天</translation>
    </message>
    <message>
        <source>90+ days</source>
        <translation>90 天以上</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>額度</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>應收餘額</translation>
    </message>
    <message>
        <source>Owed: deliveries not yet invoiced and invoices</source>
        <translation>應收款項：已送達尚未開立發票的貨款，加上已開立的發票</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未結訂單</translation>
    </message>
    <message>
        <source>Confirmed orders on account, not yet delivered</source>
        <translation>已確認、尚未送達的月結訂單</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>信用占用</translation>
    </message>
    <message>
        <source>Balance + open orders</source>
        <translation>應收餘額 + 未結訂單</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用額度</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用率</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>凍結</translation>
    </message>
    <message>
        <source>cash only</source>
        <translation>僅限現金</translation>
    </message>
    <message>
        <source>{used} of the limit in use</source>
        <translation>已使用額度的 {used}</translation>
    </message>
    <message>
        <source>No credit: every order on account needs a manager&apos;s override.</source>
        <translation>無信用額度：每筆月結訂單都需要經理超額核准。</translation>
    </message>
    <message>
        <source>Credit limit:</source>
        <translation>信用額度：</translation>
    </message>
    <message>
        <source>Balance owed:</source>
        <translation>應收餘額：</translation>
    </message>
    <message>
        <source>Open orders:</source>
        <translation>未結訂單：</translation>
    </message>
    <message>
        <source>Exposure:</source>
        <translation>信用占用：</translation>
    </message>
    <message>
        <source>Available:</source>
        <translation>可用額度：</translation>
    </message>
    <message>
        <source>Overdue:</source>
        <translation>逾期：</translation>
    </message>
    <message>
        <source>Change &amp;limit…</source>
        <translation>變更額度(&amp;L)…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Balance owed</source>
        <translation>應收餘額</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申請人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>核准人</translation>
    </message>
    <message>
        <source>Over the limit by</source>
        <translation>超出額度</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人員</translation>
    </message>
    <message>
        <source>What</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>變更內容</translation>
    </message>
    <message>
        <source>No customer matches.</source>
        <translation>沒有符合的客戶。</translation>
    </message>
    <message>
        <source>Customers: {n}</source>
        <translation>客戶數：{n}</translation>
    </message>
    <message>
        <source>The first {n} customers; more load as you scroll.</source>
        <translation>目前顯示前 {n} 位客戶；向下捲動會載入更多。</translation>
    </message>
    <message>
        <source>credit-{day}.xlsx</source>
        <translation>信用額度-{day}.xlsx</translation>
    </message>
    <message>
        <source>No customer chosen</source>
        <translation>尚未選擇客戶</translation>
    </message>
    <message>
        <source>(cash only)</source>
        <translation>（僅限現金）</translation>
    </message>
    <message>
        <source>nothing overdue</source>
        <translation>無逾期款項</translation>
    </message>
    <message>
        <source>Blocked: {reason}</source>
        <translation>已凍結：{reason}</translation>
    </message>
    <message>
        <source>&amp;Unblock…</source>
        <translation>解除凍結(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Block…</source>
        <translation>凍結(&amp;B)…</translation>
    </message>
    <message>
        <source>Open orders ({n})</source>
        <translation>未結訂單（{n}）</translation>
    </message>
    <message>
        <source>Overrides ({n})</source>
        <translation>超額核准（{n}）</translation>
    </message>
    <message>
        <source>Limit and block history ({n})</source>
        <translation>額度與凍結紀錄（{n}）</translation>
    </message>
    <message>
        <source>limit changed</source>
        <translation>變更額度</translation>
    </message>
    <message>
        <source>unblocked</source>
        <translation>解除凍結</translation>
    </message>
    <message>
        <source>new customer</source>
        <translation>新增客戶</translation>
    </message>
    <message>
        <source>limit changed in the customer form</source>
        <translation>於客戶資料變更額度</translation>
    </message>
    <message>
        <source>The limit of {code} is now {limit}.</source>
        <translation>{code} 的額度已改為 {limit}。</translation>
    </message>
    <message>
        <source>{code} is blocked.</source>
        <translation>{code} 已凍結。</translation>
    </message>
    <message>
        <source>{code} is no longer blocked.</source>
        <translation>{code} 已解除凍結。</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Phone, name, code or address</source>
        <translation>電話、姓名、編號或地址</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>No customer matches.</source>
        <translation>沒有符合的客戶。</translation>
    </message>
</context>
<context>
    <name>CustomersWindow</name>
    <message>
        <source>Customers</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Name, phone, code or address</source>
        <translation>名稱、電話、編號或地址</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜尋(&amp;S)：</translation>
    </message>
    <message>
        <source>Show &amp;inactive</source>
        <translation>顯示已停用(&amp;I)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>區域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用額度</translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation>編號(&amp;O)：</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自動編號</translation>
    </message>
    <message>
        <source>&amp;Name: *</source>
        <translation>名稱(&amp;N)：*</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>電話(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. 0912 345 678 or 04 2345 6789</source>
        <translation>例如 0912 345 678 或 04 2345 6789</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>區域(&amp;A)：</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>地址(&amp;R)：</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>緯度：</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>經度：</translation>
    </message>
    <message>
        <source>Delivery hours, &amp;from:</source>
        <translation>收貨時間，起(&amp;F)：</translation>
    </message>
    <message>
        <source>Delivery hours, &amp;until:</source>
        <translation>收貨時間，迄(&amp;U)：</translation>
    </message>
    <message>
        <source>HH:MM, blank: any time</source>
        <translation>HH:MM，空白：不限時間</translation>
    </message>
    <message>
        <source>Ser&amp;vice time:</source>
        <translation>停留時間(&amp;V)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分鐘</translation>
    </message>
    <message>
        <source>How long a stop at this customer takes</source>
        <translation>在此客戶每站停留多久</translation>
    </message>
    <message>
        <source>Con&amp;tact person:</source>
        <translation>聯絡人(&amp;T)：</translation>
    </message>
    <message>
        <source>Payment ter&amp;ms:</source>
        <translation>付款條件(&amp;M)：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Credit &amp;limit:</source>
        <translation>信用額度(&amp;L)：</translation>
    </message>
    <message>
        <source>Only a manager may set a credit limit.</source>
        <translation>只有經理可以設定信用額度。</translation>
    </message>
    <message>
        <source>Document lan&amp;guage:</source>
        <translation>單據語言(&amp;G)：</translation>
    </message>
    <message>
        <source>Not&amp;es:</source>
        <translation>備註(&amp;E)：</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人員</translation>
    </message>
    <message>
        <source>What</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>異動內容</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>基本資料(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>異動紀錄(&amp;H)</translation>
    </message>
    <message>
        <source>Pri&amp;ces</source>
        <translation>價格(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ylinders</source>
        <translation>鋼瓶(&amp;Y)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Start a new customer (Ctrl+N)</source>
        <translation>新增客戶（Ctrl+N）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Save (Enter or Ctrl+S)</source>
        <translation>儲存（Enter 或 Ctrl+S）</translation>
    </message>
    <message>
        <source>Uniform invoice (統一發票)</source>
        <translation>統一發票</translation>
    </message>
    <message>
        <source>A business gives its tax ID; a consumer a carrier or a donation code, or nothing for a printed proof.</source>
        <translation>營業人請填統一編號；消費者可填載具或捐贈碼，都不填則列印電子發票證明聯。</translation>
    </message>
    <message>
        <source>Ta&amp;x ID (統一編號):</source>
        <translation>統一編號(&amp;X)：</translation>
    </message>
    <message>
        <source>8 digits; blank: a consumer</source>
        <translation>8 位數字；空白：消費者</translation>
    </message>
    <message>
        <source>Invoice title:</source>
        <translation>發票抬頭：</translation>
    </message>
    <message>
        <source>blank: the customer&apos;s name</source>
        <translation>空白：使用客戶名稱</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>載具：</translation>
    </message>
    <message>
        <source>/ABC+123 or a citizen certificate</source>
        <translation>/ABC+123 或自然人憑證</translation>
    </message>
    <message>
        <source>A mobile barcode (/ and 7 letters, digits or . + -) or a citizen digital certificate (2 letters and 14 digits): the invoice goes to it, not on paper.</source>
        <translation>手機條碼（/ 加 7 個英數字或 . + -）或自然人憑證（2 個英文字母加 14 位數字）：發票存入載具，不印紙本。</translation>
    </message>
    <message>
        <source>Donation code (愛心碼):</source>
        <translation>捐贈碼（愛心碼）：</translation>
    </message>
    <message>
        <source>3 to 7 digits</source>
        <translation>3 至 7 位數字</translation>
    </message>
    <message>
        <source>The invoice is donated to this charity.</source>
        <translation>發票捐贈給這個社福團體。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Own price</source>
        <translation>專屬價</translation>
    </message>
    <message>
        <source>List price today</source>
        <translation>今日牌價</translation>
    </message>
    <message>
        <source>Prod&amp;uct:</source>
        <translation>產品(&amp;U)：</translation>
    </message>
    <message>
        <source>Choose a product</source>
        <translation>選擇產品</translation>
    </message>
    <message>
        <source>O&amp;wn price:</source>
        <translation>專屬價(&amp;W)：</translation>
    </message>
    <message>
        <source>Set price</source>
        <translation>設定價格</translation>
    </message>
    <message>
        <source>Orders for this customer use this price instead of the list price (Enter)</source>
        <translation>此客戶的訂單會以這個價格取代牌價（Enter）</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>移除(&amp;V)</translation>
    </message>
    <message>
        <source>Remove the chosen own price: orders use the list price again</source>
        <translation>移除選取的專屬價：訂單恢復採用牌價</translation>
    </message>
    <message>
        <source>Customers found: {n}</source>
        <translation>找到的客戶：{n}</translation>
    </message>
    <message>
        <source>own price</source>
        <translation>設定專屬價</translation>
    </message>
    <message>
        <source>list price</source>
        <translation>牌價</translation>
    </message>
    <message>
        <source>{name} (not sold now)</source>
        <translation>{name}（目前未販售）</translation>
    </message>
    <message>
        <source>List price today: {price}</source>
        <translation>今日牌價：{price}</translation>
    </message>
    <message>
        <source>No list price today</source>
        <translation>今日沒有牌價</translation>
    </message>
    <message>
        <source>Save the new customer first; then a manager can give them their own prices.</source>
        <translation>請先儲存新客戶，之後經理才能為其設定專屬價。</translation>
    </message>
    <message>
        <source>Orders for this customer use these prices instead of the price list. Choose a row to change its price, or a product to give it one.</source>
        <translation>此客戶的訂單會以這些價格取代牌價。選擇一列可修改其價格，或選擇產品以設定專屬價。</translation>
    </message>
    <message>
        <source>Orders for this customer use these prices instead of the price list. Only a manager can change them.</source>
        <translation>此客戶的訂單會以這些價格取代牌價。只有經理可以修改。</translation>
    </message>
    <message>
        <source>Choose the product that gets the customer&apos;s own price.</source>
        <translation>請選擇要設定客戶專屬價的產品。</translation>
    </message>
    <message>
        <source>Type the customer&apos;s price. To charge the list price again, choose the row and click Remove.</source>
        <translation>請輸入客戶的價格。若要恢復以牌價計價，請選擇該列後按「移除」。</translation>
    </message>
    <message>
        <source>{sku}: own price {price} set.</source>
        <translation>{sku}：已設定專屬價 {price}。</translation>
    </message>
    <message>
        <source>{sku}: own price removed; orders use the list price ({price}).</source>
        <translation>{sku}：已移除專屬價；訂單將採用牌價（{price}）。</translation>
    </message>
    <message>
        <source>{sku}: own price removed.</source>
        <translation>{sku}：已移除專屬價。</translation>
    </message>
    <message>
        <source>The first {n} matches; type more to narrow the search.</source>
        <translation>僅顯示前 {n} 筆符合的客戶；請輸入更多文字以縮小搜尋範圍。</translation>
    </message>
    <message>
        <source>No customer matches.</source>
        <translation>沒有符合的客戶。</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新客戶</translation>
    </message>
    <message>
        <source>Leave the code blank to get the next free one.</source>
        <translation>編號留空時，系統會自動採用下一個可用的編號。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>Inactive: not offered in searches or orders</source>
        <translation>已停用：不會出現在搜尋結果或訂單中</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Saved {code} {name}.</source>
        <translation>已儲存 {code} {name}。</translation>
    </message>
    <message>
        <source>This customer was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>此客戶已在其他地方被修改。要重新載入較新的版本嗎？（若選「否」，您輸入的內容會保留在表單中。）</translation>
    </message>
    <message>
        <source>Deactivate customer</source>
        <translation>停用客戶</translation>
    </message>
    <message>
        <source>Deactivate {code} {name}? An inactive customer is not offered in searches or orders; you can activate them again.</source>
        <translation>要停用 {code} {name} 嗎？已停用的客戶不會出現在搜尋結果或訂單中；之後仍可再次啟用。</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>activated</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>CylinderDialog</name>
    <message>
        <source>Add cylinder</source>
        <translation>新增鋼瓶</translation>
    </message>
    <message>
        <source>Correct cylinder {serial}</source>
        <translation>更正鋼瓶 {serial}</translation>
    </message>
    <message>
        <source>&amp;Serial: *</source>
        <translation>鋼瓶號碼(&amp;S)：*</translation>
    </message>
    <message>
        <source>As stamped, or scan its barcode</source>
        <translation>依鋼瓶上的鋼印輸入，或掃描條碼</translation>
    </message>
    <message>
        <source>Si&amp;ze: *</source>
        <translation>規格(&amp;Z)：*</translation>
    </message>
    <message>
        <source>&amp;Material:</source>
        <translation>材質(&amp;M)：</translation>
    </message>
    <message>
        <source>Ma&amp;nufactured: *</source>
        <translation>製造日期(&amp;N)：*</translation>
    </message>
    <message>
        <source>&amp;Last tested:</source>
        <translation>上次檢驗日期(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Re-test due:</source>
        <translation>檢驗期限(&amp;R)：</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Blank: never tested since it was made</source>
        <translation>留空：出廠後尚未檢驗過</translation>
    </message>
    <message>
        <source>As stamped on the cylinder; blank: as proposed</source>
        <translation>依鋼瓶上的鋼印輸入；留空：採用建議日期</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>所有人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>位置(&amp;W)：</translation>
    </message>
    <message>
        <source>C&amp;ustomer code:</source>
        <translation>客戶編號(&amp;U)：</translation>
    </message>
    <message>
        <source>Gas:</source>
        <translation>瓦斯：</translation>
    </message>
    <message>
        <source>&amp;Full</source>
        <translation>實瓶(&amp;F)</translation>
    </message>
    <message>
        <source>The rules propose: next re-test {due} (every {years} years), end of service life {end}.</source>
        <translation>依規則建議：下次定期檢驗 {due}（每 {years} 年一次），使用年限到期 {end}。</translation>
    </message>
    <message>
        <source>A date as YYYY-MM-DD, e.g. 2026-10-01.</source>
        <translation>請以 YYYY-MM-DD 輸入日期，例如 2026-10-01。</translation>
    </message>
    <message>
        <source>This cylinder was changed elsewhere. Close this form to see the newer version? (Your input stays in the form if you say No.)</source>
        <translation>此鋼瓶已在其他地方被修改。要關閉此表單以查看較新的版本嗎？（若選「否」，您輸入的內容會保留在表單中。）</translation>
    </message>
</context>
<context>
    <name>CylinderSettingsBox</name>
    <message>
        <source>Cylinders</source>
        <translation>鋼瓶</translation>
    </message>
    <message>
        <source>Scan serials:</source>
        <translation>掃描鋼瓶號碼：</translation>
    </message>
    <message>
        <source>At loadin&amp;g, delivery and return</source>
        <translation>裝車、配送與回庫時(&amp;G)</translation>
    </message>
    <message>
        <source>Inspection interval (months):</source>
        <translation>安全檢查間隔（月）：</translation>
    </message>
    <message>
        <source>Months between safety inspections of a customer&apos;s installation</source>
        <translation>客戶瓦斯設備兩次安全檢查之間相隔的月數</translation>
    </message>
    <message>
        <source>Save cylinder settings</source>
        <translation>儲存鋼瓶設定</translation>
    </message>
    <message>
        <source>Re-test rules: a cylinder of the material and at least the size (kg), from the age (years), is re-tested every so many years; its service ends at the life (years). The largest size and age that fit apply.</source>
        <translation>定期檢驗規則：材質相符、容量不小於「起始公斤」且瓶齡已達「起始瓶齡」（年）的鋼瓶，每隔「間隔年數」定期檢驗一次；到達「使用年限」（年）即停止使用。符合的規則有多條時，採用起始公斤與起始瓶齡最大的那一條。</translation>
    </message>
    <message>
        <source>Re-test rules (only an administrator can change them):</source>
        <translation>定期檢驗規則（僅系統管理員可修改）：</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材質</translation>
    </message>
    <message>
        <source>From kg</source>
        <translation>起始公斤</translation>
    </message>
    <message>
        <source>From age</source>
        <translation>起始瓶齡</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>間隔年數</translation>
    </message>
    <message>
        <source>Life</source>
        <translation>使用年限</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>新增規則</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>移除規則</translation>
    </message>
    <message>
        <source>Save re-test rules</source>
        <translation>儲存定期檢驗規則</translation>
    </message>
    <message>
        <source>The cylinder settings are saved.</source>
        <translation>鋼瓶設定已儲存。</translation>
    </message>
    <message>
        <source>The re-test rules are saved.</source>
        <translation>定期檢驗規則已儲存。</translation>
    </message>
</context>
<context>
    <name>CylindersPage</name>
    <message>
        <source>Size</source>
        <translation>規格</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>持有</translation>
    </message>
    <message>
        <source>On deposit</source>
        <translation>已收押金</translation>
    </message>
    <message>
        <source>No deposit</source>
        <translation>免押金</translation>
    </message>
    <message>
        <source>Deposits</source>
        <translation>押金</translation>
    </message>
    <message>
        <source>Each</source>
        <translation>每支押金</translation>
    </message>
    <message>
        <source>Why no deposit</source>
        <translation>免押金原因</translation>
    </message>
    <message>
        <source>Held: the cylinders the customer has. No deposit: how many a manager lets them hold without one. Deposits: what they paid, refunded when the cylinders come back.</source>
        <translation>持有：客戶手上的鋼瓶。免押金：經理允許客戶免押金持有的數量。押金：客戶已付的押金，鋼瓶退回時退還。</translation>
    </message>
    <message>
        <source>&amp;Hold without deposit…</source>
        <translation>免押金持有(&amp;H)…</translation>
    </message>
    <message>
        <source>Managers: let this customer hold cylinders of a size without deposit (a rental contract), with the reason</source>
        <translation>經理：允許此客戶免押金持有某規格的鋼瓶（租賃合約），須附原因</translation>
    </message>
    <message>
        <source>Save the new customer first.</source>
        <translation>請先儲存新客戶。</translation>
    </message>
    <message>
        <source>A delivery charges the deposit of each cylinder the customer holds beyond those held without deposit, and refunds it when empties come back.</source>
        <translation>配送時，客戶持有的鋼瓶超過免押金數量的部分，每支收取押金；空瓶收回時退還押金。</translation>
    </message>
    <message>
        <source>{held} cylinders held, {on} on deposit; deposits held {amount}</source>
        <translation>持有鋼瓶 {held} 支，已收押金 {on} 支；押金餘額 {amount}</translation>
    </message>
    <message>
        <source>Saved; it takes effect at the size&apos;s next delivery.</source>
        <translation>已儲存；將在該規格下次配送時生效。</translation>
    </message>
</context>
<context>
    <name>CylindersWindow</name>
    <message>
        <source>Cylinders</source>
        <translation>鋼瓶</translation>
    </message>
    <message>
        <source>Scan or type a serial, then Enter</source>
        <translation>掃描或輸入鋼瓶號碼，再按 Enter</translation>
    </message>
    <message>
        <source>&amp;Find serial:</source>
        <translation>查詢鋼瓶號碼(&amp;F)：</translation>
    </message>
    <message>
        <source>All locations</source>
        <translation>全部位置</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>位置(&amp;W)：</translation>
    </message>
    <message>
        <source>Customer code, then Enter</source>
        <translation>輸入客戶編號，再按 Enter</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>客戶(&amp;U)：</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due within {days} days</source>
        <translation>{days} 天內到期</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Add cylinder…</source>
        <translation>新增鋼瓶(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Correct…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Re-tested…</source>
        <translation>登錄定期檢驗(&amp;R)…</translation>
    </message>
    <message>
        <source>The selected cylinder passed its periodic re-test: its next due date follows the re-test rules</source>
        <translation>所選鋼瓶已通過定期檢驗：下次檢驗期限依定期檢驗規則計算</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>匯入(&amp;I)…</translation>
    </message>
    <message>
        <source>Register cylinders from an .xlsx or .csv file: columns serial, sku, manufactured; optional retest_due, last_test, material, owner</source>
        <translation>從 .xlsx 或 .csv 檔案登錄鋼瓶：欄位 serial、sku、manufactured；選填 retest_due、last_test、material、owner</translation>
    </message>
    <message>
        <source>scrapped</source>
        <translation>已報廢</translation>
    </message>
    <message>
        <source>service life ended: scrap it</source>
        <translation>使用年限已到：請報廢</translation>
    </message>
    <message>
        <source>{days} days overdue</source>
        <translation>逾期 {days} 天</translation>
    </message>
    <message>
        <source>in {days} days</source>
        <translation>{days} 天後</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>full</source>
        <translation>實瓶</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空瓶</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>鋼瓶號碼</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>規格</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材質</translation>
    </message>
    <message>
        <source>Re-test due</source>
        <translation>檢驗期限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>End of service</source>
        <translation>使用年限到期</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>實瓶</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>製造日期</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Cylinder {serial}.</source>
        <translation>鋼瓶 {serial}。</translation>
    </message>
    <message>
        <source>No cylinder has the serial {serial}. Add it with “Add cylinder…”.</source>
        <translation>沒有鋼瓶號碼為 {serial} 的鋼瓶。請用「新增鋼瓶…」新增。</translation>
    </message>
    <message>
        <source>Cylinder {serial}: {where}.</source>
        <translation>鋼瓶 {serial}：{where}。</translation>
    </message>
    <message>
        <source>No customer has the code {code}.</source>
        <translation>沒有客戶編號為 {code} 的客戶。</translation>
    </message>
    <message>
        <source>The serials {name} holds.</source>
        <translation>{name} 持有的鋼瓶號碼。</translation>
    </message>
    <message>
        <source>Saved cylinder {serial}.</source>
        <translation>已儲存鋼瓶 {serial}。</translation>
    </message>
    <message>
        <source>Cylinder {serial} is next due on {due}.</source>
        <translation>鋼瓶 {serial} 的下次檢驗期限為 {due}。</translation>
    </message>
    <message>
        <source>Import cylinders</source>
        <translation>匯入鋼瓶</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>試算表 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Line {line}: {message}</source>
        <translation>第 {line} 列：{message}</translation>
    </message>
    <message>
        <source>… and {n} more.</source>
        <translation>…另外還有 {n} 筆。</translation>
    </message>
    <message>
        <source>Nothing was imported: correct these rows and import again.</source>
        <translation>未匯入任何資料：請修正這些列後再匯入。</translation>
    </message>
    <message>
        <source>Cylinders registered: {created}; registered before (left as they were): {existing}.</source>
        <translation>已登錄鋼瓶：{created} 支；先前已登錄（保持不變）：{existing} 支。</translation>
    </message>
</context>
<context>
    <name>DayPicker</name>
    <message>
        <source>D&amp;ay:</source>
        <translation>日期(&amp;A)：</translation>
    </message>
    <message>
        <source>◀</source>
        <translation>◀</translation>
    </message>
    <message>
        <source>The day before (Alt+Left)</source>
        <translation>前一天 (Alt+←)</translation>
    </message>
    <message>
        <source>The day before</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>▶</source>
        <translation>▶</translation>
    </message>
    <message>
        <source>The day after (Alt+Right)</source>
        <translation>後一天 (Alt+→)</translation>
    </message>
    <message>
        <source>The day after</source>
        <translation>後一天</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
</context>
<context>
    <name>DeliveriesCalendar</name>
    <message>
        <source>standing order (coming)</source>
        <translation>固定訂單（將產生）</translation>
    </message>
    <message>
        <source>order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>both on one day</source>
        <translation>同一天兩者皆有</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>standing order</source>
        <translation>固定訂單</translation>
    </message>
    <message>
        <source>to be made</source>
        <translation>尚未產生</translation>
    </message>
    <message>
        <source>Choose a standing order to see its customer&apos;s deliveries.</source>
        <translation>請選擇一筆固定訂單，以查看該客戶的配送。</translation>
    </message>
    <message>
        <source>Deliveries of {customer}</source>
        <translation>{customer} 的配送</translation>
    </message>
    <message>
        <source>This month: {orders} orders, {standing} coming standing-order deliveries</source>
        <translation>本月：{orders} 張訂單，{standing} 次即將產生的固定訂單配送</translation>
    </message>
</context>
<context>
    <name>DeliveriesWindow</name>
    <message>
        <source>Deliveries</source>
        <translation>配送結果</translation>
    </message>
    <message>
        <source>↑↓ stops · ←→ routes · Enter: confirm · Ctrl+D: delivered as ordered · Ctrl+P: route sheet · F5: reload</source>
        <translation>↑↓ 站 · ←→ 路線 · Enter：確認 · Ctrl+D：照訂單送達 · Ctrl+P：路線單 · F5：重新載入</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>車輛</translation>
    </message>
    <message>
        <source>Not on a route</source>
        <translation>未排路線</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司機</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>站數</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>Cash collected</source>
        <translation>已收現金</translation>
    </message>
    <message>
        <source>&amp;Routes:</source>
        <translation>路線(&amp;R)：</translation>
    </message>
    <message>
        <source>#</source>
        <translation>站</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>預計到達</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>To collect</source>
        <translation>應收</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>&amp;Stops in driving order:</source>
        <translation>依行車順序的站(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Confirm delivery…</source>
        <translation>確認配送(&amp;C)…</translation>
    </message>
    <message>
        <source>Enter what happened at this stop (Enter)</source>
        <translation>輸入此站的配送結果（Enter）</translation>
    </message>
    <message>
        <source>D&amp;elivered as ordered</source>
        <translation>照訂單送達(&amp;E)</translation>
    </message>
    <message>
        <source>Everything delivered, an empty back for each cylinder, a cash order paid (Ctrl+D)</source>
        <translation>全部送達，每桶收回一個空桶，現金訂單已收款（Ctrl+D）</translation>
    </message>
    <message>
        <source>&amp;Undo confirmation…</source>
        <translation>取消確認(&amp;U)…</translation>
    </message>
    <message>
        <source>Managers: take back a confirmation entered by mistake</source>
        <translation>經理：撤回誤登的確認</translation>
    </message>
    <message>
        <source>&amp;Move to another date…</source>
        <translation>改期(&amp;M)…</translation>
    </message>
    <message>
        <source>Deliver a failed or unplanned order another day</source>
        <translation>未送達或未排路線的訂單改日配送</translation>
    </message>
    <message>
        <source>Route s&amp;heet…</source>
        <translation>路線單(&amp;H)…</translation>
    </message>
    <message>
        <source>Preview and print the chosen route&apos;s sheet (Ctrl+P)</source>
        <translation>預覽並列印所選路線的路線單（Ctrl+P）</translation>
    </message>
    <message>
        <source>Co&amp;llect payment…</source>
        <translation>收款(&amp;L)…</translation>
    </message>
    <message>
        <source>Money the customer paid the driver at this stop for open invoices (cash or cheque)</source>
        <translation>客戶在這個停靠點付給司機、用來沖銷未結請款單的款項（現金或支票）</translation>
    </message>
    <message>
        <source>Re&amp;fund at the door…</source>
        <translation>到府退款(&amp;F)…</translation>
    </message>
    <message>
        <source>Managers: the driver pays back the customer&apos;s credit in cash at this stop</source>
        <translation>經理：司機在這個停靠點以現金退還客戶的溢付款</translation>
    </message>
    <message>
        <source>&amp;Deposit receipt…</source>
        <translation>押瓶單(&amp;D)…</translation>
    </message>
    <message>
        <source>Preview and print the cylinder deposit receipt of this stop&apos;s delivery</source>
        <translation>預覽並列印此站配送的押瓶單</translation>
    </message>
    <message>
        <source>Ser&amp;ials…</source>
        <translation>鋼瓶號碼(&amp;I)…</translation>
    </message>
    <message>
        <source>Record the serials of the cylinders handed over and collected at this delivery</source>
        <translation>登錄此次配送送出與收回的鋼瓶號碼</translation>
    </message>
    <message>
        <source>on account</source>
        <translation>月結</translation>
    </message>
    <message>
        <source>to confirm</source>
        <translation>待確認</translation>
    </message>
    <message>
        <source>not on a route</source>
        <translation>未排路線</translation>
    </message>
    <message>
        <source>{state} · cash {amount}</source>
        <translation>{state} · 現金 {amount}</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
    <message>
        <source>{routes} route(s) · {stops} stop(s) · {done} confirmed</source>
        <translation>{routes} 條路線 · {stops} 站 · 已確認 {done}</translation>
    </message>
    <message>
        <source>No route is confirmed for this day yet ({n} planned); dispatch confirms the routes in the Dispatch window.</source>
        <translation>這一天還沒有已確認的路線（已規劃 {n} 條）；請調度人員在「派車」視窗確認路線。</translation>
    </message>
    <message>
        <source>Nothing is to be delivered on this day.</source>
        <translation>這一天沒有要配送的訂單。</translation>
    </message>
    <message>
        <source>No stop chosen</source>
        <translation>未選擇任何站</translation>
    </message>
    <message>
        <source>cash on delivery</source>
        <translation>貨到收現</translation>
    </message>
    <message>
        <source>Receives {start}–{end}</source>
        <translation>收貨時間 {start}–{end}</translation>
    </message>
    <message>
        <source>{number} · {total} · {payment}</source>
        <translation>{number} · {total} · {payment}</translation>
    </message>
    <message>
        <source>Notes: {notes}</source>
        <translation>備註：{notes}</translation>
    </message>
    <message>
        <source>Cylinders held: …</source>
        <translation>持有鋼瓶：…</translation>
    </message>
    <message>
        <source>Cylinders held: none</source>
        <translation>持有鋼瓶：無</translation>
    </message>
    <message>
        <source>Cylinders held: {list}</source>
        <translation>持有鋼瓶：{list}</translation>
    </message>
    <message>
        <source>This delivery charged or refunded no cylinder deposit.</source>
        <translation>此次配送沒有收取或退還鋼瓶押金。</translation>
    </message>
    <message>
        <source>Deposit receipt {number}</source>
        <translation>押瓶單 {number}</translation>
    </message>
    <message>
        <source>Not confirmed yet.</source>
        <translation>尚未確認。</translation>
    </message>
    <message>
        <source>This order is on no confirmed route.</source>
        <translation>此訂單不在已確認的路線上。</translation>
    </message>
    <message>
        <source>{state}, confirmed by {user} at {when}.</source>
        <translation>{state}，由 {user} 於 {when} 確認。</translation>
    </message>
    <message>
        <source>{sku}: {delivered} of {ordered} delivered, {empties} empties back</source>
        <translation>{sku}：訂 {ordered}，送達 {delivered}，收回空桶 {empties}</translation>
    </message>
    <message>
        <source>Delivered {amount} · cash collected {cash}</source>
        <translation>送達金額 {amount} · 已收現金 {cash}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>{number}: {state}.</source>
        <translation>{number}：{state}。</translation>
    </message>
    <message>
        <source>{number}: {state}; its serials were not recorded: correct them with Serials… (they are kept).</source>
        <translation>{number}：{state}；鋼瓶號碼未登錄：請用「鋼瓶號碼…」更正（已輸入的號碼會保留）。</translation>
    </message>
    <message>
        <source>Undo confirmation</source>
        <translation>取消確認</translation>
    </message>
    <message>
        <source>Why is the confirmation of {number} ({customer}) taken back?</source>
        <translation>為什麼要撤回 {number}（{customer}）的確認？</translation>
    </message>
    <message>
        <source>The confirmation of {number} was undone; it is to be confirmed again.</source>
        <translation>{number} 的確認已取消，需重新確認。</translation>
    </message>
    <message>
        <source>{number} is moved to {day}.</source>
        <translation>{number} 已改到 {day} 配送。</translation>
    </message>
    <message>
        <source>{amount} taken from {customer} at the stop.</source>
        <translation>已在停靠點向 {customer} 收取 {amount}。</translation>
    </message>
    <message>
        <source>Placed on {invoices}.</source>
        <translation>沖銷至 {invoices}。</translation>
    </message>
    <message>
        <source>{customer} has no credit to pay back.</source>
        <translation>{customer} 沒有可退還的溢付款。</translation>
    </message>
    <message>
        <source>{amount} paid back to {customer} at the door.</source>
        <translation>已到府退還 {customer} {amount}。</translation>
    </message>
    <message>
        <source>{number}: serials recorded ({out} handed over, {back} collected).</source>
        <translation>{number}：已登錄鋼瓶號碼（送出 {out} 支，收回 {back} 支）。</translation>
    </message>
    <message>
        <source>Route sheet {plate} {day}</source>
        <translation>路線單 {plate} {day}</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <source>Confirm delivery — {number}</source>
        <translation>確認配送 — {number}</translation>
    </message>
    <message>
        <source>cash on delivery</source>
        <translation>貨到收現</translation>
    </message>
    <message>
        <source>on account</source>
        <translation>月結</translation>
    </message>
    <message>
        <source>{number} · {total} · {payment}</source>
        <translation>{number} · {total} · {payment}</translation>
    </message>
    <message>
        <source>&amp;Delivered as ordered</source>
        <translation>照訂單送達(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Partially delivered</source>
        <translation>部分送達(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Failed (nothing delivered)</source>
        <translation>未送達(&amp;F)</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>訂購</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>送達</translation>
    </message>
    <message>
        <source>Empties back</source>
        <translation>收回空桶</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>結果：</translation>
    </message>
    <message>
        <source>Lines:</source>
        <translation>訂單明細：</translation>
    </message>
    <message>
        <source>&amp;Cash collected:</source>
        <translation>收取現金(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Required when partial or failed, e.g. nobody at home</source>
        <translation>部分送達或未送達時必填，例如：無人在家</translation>
    </message>
    <message>
        <source>Serials &amp;out:</source>
        <translation>送出鋼瓶號碼(&amp;O)：</translation>
    </message>
    <message>
        <source>Serials i&amp;n:</source>
        <translation>收回鋼瓶號碼(&amp;N)：</translation>
    </message>
    <message>
        <source>The full cylinders handed over</source>
        <translation>送出的實瓶</translation>
    </message>
    <message>
        <source>The empty cylinders collected</source>
        <translation>收回的空瓶</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Save what happened (Enter)</source>
        <translation>儲存配送結果（Enter）</translation>
    </message>
    <message>
        <source>Cylinder deposits: collect {amount} in cash ({n} cylinders)</source>
        <translation>鋼瓶押金：收取現金 {amount}（{n} 支鋼瓶）</translation>
    </message>
    <message>
        <source>Cylinder deposits: pay back {amount} in cash ({n} cylinders)</source>
        <translation>鋼瓶押金：以現金退還 {amount}（{n} 支鋼瓶）</translation>
    </message>
    <message>
        <source>Cylinder deposits: {amount} charged on account ({n} cylinders)</source>
        <translation>鋼瓶押金：{amount} 記入月結帳款（{n} 支鋼瓶）</translation>
    </message>
    <message>
        <source>Cylinder deposits: {amount} refunded on account ({n} cylinders)</source>
        <translation>鋼瓶押金：月結退還 {amount}（{n} 支鋼瓶）</translation>
    </message>
    <message>
        <source>Save serials</source>
        <translation>儲存鋼瓶號碼</translation>
    </message>
    <message>
        <source>Close without serials</source>
        <translation>不存鋼瓶號碼，直接關閉</translation>
    </message>
    <message>
        <source>The delivery is saved; its serials are not: {reason} Correct the serials and save them, or close to leave them out.</source>
        <translation>配送結果已儲存，但鋼瓶號碼未儲存：{reason} 請修正鋼瓶號碼後再儲存，或直接關閉、不記錄鋼瓶號碼。</translation>
    </message>
</context>
<context>
    <name>DemoProgress</name>
    <message>
        <source>Making the demo company</source>
        <translation>正在建立示範公司</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始中…</translation>
    </message>
</context>
<context>
    <name>DepotsDialog</name>
    <message>
        <source>Depots</source>
        <translation>倉庫</translation>
    </message>
    <message>
        <source>Depots and trucks</source>
        <translation>倉庫與貨車</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>經度</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>De&amp;pots:</source>
        <translation>倉庫(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Name: *</source>
        <translation>名稱(&amp;N)：*</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Latitude:</source>
        <translation>緯度(&amp;L)：</translation>
    </message>
    <message>
        <source>L&amp;ongitude:</source>
        <translation>經度(&amp;O)：</translation>
    </message>
    <message>
        <source>e.g. 24.1477</source>
        <translation>例如 24.1477</translation>
    </message>
    <message>
        <source>e.g. 120.6736</source>
        <translation>例如 120.6736</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <source>A&amp;ctive: holds stock, starts trucks</source>
        <translation>啟用(&amp;C)：存放庫存，貨車由此出車</translation>
    </message>
    <message>
        <source>&amp;New depot</source>
        <translation>新增倉庫(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save depot</source>
        <translation>儲存倉庫(&amp;S)</translation>
    </message>
    <message>
        <source>Save (Enter in the form)</source>
        <translation>儲存（在表單中按 Enter）</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>貨車</translation>
    </message>
    <message>
        <source>Starts at depot</source>
        <translation>出車倉庫</translation>
    </message>
    <message>
        <source>&amp;Trucks and their depot:</source>
        <translation>貨車及出車倉庫(&amp;T)：</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>New depot</source>
        <translation>新倉庫</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>已儲存 {name}。</translation>
    </message>
    <message>
        <source>This depot was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>此倉庫已在其他地方被修改。要重新載入較新的版本嗎？（若選「否」，您輸入的內容會保留在表單中。）</translation>
    </message>
    <message>
        <source>{truck} starts at {depot}.</source>
        <translation>{truck} 由 {depot} 出車。</translation>
    </message>
</context>
<context>
    <name>Dispatch</name>
    <message>
        <source>{m} min</source>
        <translation>{m} 分</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小時 {m} 分</translation>
    </message>
    <message>
        <source>{km} km</source>
        <translation>{km} 公里</translation>
    </message>
    <message>
        <source>Delivery hours: {hours}</source>
        <translation>收貨時間：{hours}</translation>
    </message>
    <message>
        <source>Arrives at {time}</source>
        <translation>預計 {time} 到達</translation>
    </message>
</context>
<context>
    <name>DispatchWindow</name>
    <message>
        <source>Dispatch</source>
        <translation>派車</translation>
    </message>
    <message>
        <source>&amp;Delivery date:</source>
        <translation>配送日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Plan routes</source>
        <translation>排路線(&amp;P)</translation>
    </message>
    <message>
        <source>Plan the day&apos;s routes in about 10 seconds; locked stops stay on their truck and in their place</source>
        <translation>約 10 秒排好當天的路線；鎖定的站點留在原車、原順序</translation>
    </message>
    <message>
        <source>Plan &amp;thoroughly</source>
        <translation>仔細排路線(&amp;T)</translation>
    </message>
    <message>
        <source>Search for a minute for shorter routes</source>
        <translation>花一分鐘找更短的路線</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop searching and keep the best plan found so far</source>
        <translation>停止搜尋，保留目前找到最好的路線</translation>
    </message>
    <message>
        <source>&amp;Confirm plan…</source>
        <translation>確認路線(&amp;C)…</translation>
    </message>
    <message>
        <source>The orders on the planned routes become scheduled; the route sheets can be printed</source>
        <translation>排好路線上的訂單改為已排程；之後可列印路線單</translation>
    </message>
    <message>
        <source>&amp;Route sheets…</source>
        <translation>路線單(&amp;R)…</translation>
    </message>
    <message>
        <source>Print preview of the confirmed routes&apos; sheets (Ctrl+P)</source>
        <translation>已確認路線的路線單預覽列印 (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Look up missing coordinates</source>
        <translation>查詢缺少的座標(&amp;L)</translation>
    </message>
    <message>
        <source>Ask the routing service for the coordinates of every customer who has an address but none; orders without coordinates cannot be planned</source>
        <translation>向路線服務查詢有地址但沒有座標的客戶座標；沒有座標的訂單無法排入路線</translation>
    </message>
    <message>
        <source>Drag orders between the lists, or Ctrl+M to move the chosen one. Tick a stop to lock it: re-planning keeps it on its truck and in its place.</source>
        <translation>在清單之間拖曳訂單，或按 Ctrl+M 移動選取的訂單。勾選站點即鎖定：重新排路線時它留在原車、原順序。</translation>
    </message>
    <message>
        <source>Orders on no route: {n}</source>
        <translation>未排入路線的訂單：{n}</translation>
    </message>
    <message>
        <source>No routes yet · orders to deliver: {n} · vehicles free: {v}</source>
        <translation>尚無路線 · 待送訂單：{n} · 空車：{v}</translation>
    </message>
    <message>
        <source>Routes: {routes} · stops: {stops} · {km}, {time} · orders on no route: {n}</source>
        <translation>路線：{routes} · 站點：{stops} · {km}，{time} · 未排入路線的訂單：{n}</translation>
    </message>
    <message>
        <source> — over capacity: {plates}</source>
        <translation> — 超載：{plates}</translation>
    </message>
    <message>
        <source>The depot has no coordinates yet: an administrator sets them in Settings before routes can be planned.</source>
        <translation>倉庫尚未設定座標：須由管理員在「設定」中填寫後才能排路線。</translation>
    </message>
    <message>
        <source>Re-&amp;plan routes</source>
        <translation>重新排路線(&amp;P)</translation>
    </message>
    <message>
        <source>Re-plan routes</source>
        <translation>重新排路線</translation>
    </message>
    <message>
        <source>Plan {day} again? Stops that are not locked may move to another truck or place; locked stops stay where they are.</source>
        <translation>重新排 {day} 的路線？未鎖定的站點可能換車或換順序；鎖定的站點不動。</translation>
    </message>
    <message>
        <source>Starting the planner…</source>
        <translation>正在啟動排路線程式…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Planning… {elapsed} of {total} s</source>
        <translation>排路線中… {elapsed} / {total} 秒</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>排路線中…</translation>
    </message>
    <message>
        <source>Planned in {s} s: {placed} orders on {routes} route(s).</source>
        <translation>排好了（{s} 秒）：{placed} 張訂單排入 {routes} 條路線。</translation>
    </message>
    <message>
        <source>{n} could not be placed; the list of orders on no route says why.</source>
        <translation>{n} 張無法排入；原因見未排入路線的訂單清單。</translation>
    </message>
    <message>
        <source>Coordinates found for {n} customers.</source>
        <translation>已找到 {n} 位客戶的座標。</translation>
    </message>
    <message>
        <source>The routing service does not know the address of: {codes}; type their coordinates in Customers.</source>
        <translation>路線服務找不到以下客戶的地址：{codes}；請在「客戶」中輸入座標。</translation>
    </message>
    <message>
        <source>Confirm the plan for {day}: {routes} routes with {stops} orders? The orders become scheduled and their route sheets can be printed.</source>
        <translation>確認 {day} 的路線：{routes} 條路線、{stops} 張訂單？訂單將改為已排程，並可列印路線單。</translation>
    </message>
    <message>
        <source>No driver yet: {plates}.</source>
        <translation>尚未指派司機：{plates}。</translation>
    </message>
    <message>
        <source>Over capacity: {plates}.</source>
        <translation>超載：{plates}。</translation>
    </message>
    <message>
        <source>Orders that stay on no route: {n}.</source>
        <translation>仍未排入路線的訂單：{n}。</translation>
    </message>
    <message>
        <source>Confirm plan</source>
        <translation>確認路線</translation>
    </message>
    <message>
        <source>Plan confirmed: {n} orders scheduled.</source>
        <translation>路線已確認：{n} 張訂單已排程。</translation>
    </message>
    <message>
        <source>Route sheets {day}</source>
        <translation>路線單 {day}</translation>
    </message>
</context>
<context>
    <name>DriverAccountsWindow</name>
    <message>
        <source>Driver accounts</source>
        <translation>司機帳</translation>
    </message>
    <message>
        <source>Balance: more than zero, the driver owes the company (a shortage); less than zero, the company owes the driver.</source>
        <translation>餘額：大於零表示司機欠公司（短少）；小於零表示公司欠司機。</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司機</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>餘額</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>D&amp;rivers:</source>
        <translation>司機(&amp;R)：</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>By</source>
        <translation>經手人</translation>
    </message>
    <message>
        <source>&amp;Entries:</source>
        <translation>明細(&amp;E)：</translation>
    </message>
    <message>
        <source>Payment &amp;from driver…</source>
        <translation>司機繳回(&amp;F)…</translation>
    </message>
    <message>
        <source>The driver pays cash into the till</source>
        <translation>司機將現金繳入錢櫃</translation>
    </message>
    <message>
        <source>Payment &amp;to driver…</source>
        <translation>付給司機(&amp;T)…</translation>
    </message>
    <message>
        <source>The till pays the driver what the company owes</source>
        <translation>由錢櫃付給司機公司所欠的款項</translation>
    </message>
    <message>
        <source>owes the company</source>
        <translation>欠公司</translation>
    </message>
    <message>
        <source>is owed</source>
        <translation>公司欠他</translation>
    </message>
    <message>
        <source>No driver chosen</source>
        <translation>未選司機</translation>
    </message>
    <message>
        <source>{driver} owes {amount}</source>
        <translation>{driver} 欠 {amount}</translation>
    </message>
    <message>
        <source>{driver} is owed {amount}</source>
        <translation>公司欠 {driver} {amount}</translation>
    </message>
    <message>
        <source>Saved; {driver}&apos;s balance is {amount}.</source>
        <translation>已儲存；{driver} 的餘額為 {amount}。</translation>
    </message>
</context>
<context>
    <name>DriverPaymentDialog</name>
    <message>
        <source>Payment from the driver</source>
        <translation>司機繳回</translation>
    </message>
    <message>
        <source>Payment to the driver</source>
        <translation>付給司機</translation>
    </message>
    <message>
        <source>{driver} owes {amount}.</source>
        <translation>{driver} 欠 {amount}。</translation>
    </message>
    <message>
        <source>{driver} is owed {amount}.</source>
        <translation>公司欠 {driver} {amount}。</translation>
    </message>
    <message>
        <source>{driver}&apos;s account is settled.</source>
        <translation>{driver} 的帳已結清。</translation>
    </message>
    <message>
        <source>&amp;Amount: *</source>
        <translation>金額(&amp;A)：*</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>備註(&amp;N)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
</context>
<context>
    <name>EInvoicesWindow</name>
    <message>
        <source>Uniform invoices</source>
        <translation>統一發票</translation>
    </message>
    <message>
        <source>Uniform invoices are off: an administrator turns them on in Settings.</source>
        <translation>統一發票未啟用：由系統管理員在「設定」中開啟。</translation>
    </message>
    <message>
        <source>&amp;Invoices</source>
        <translation>發票(&amp;I)</translation>
    </message>
    <message>
        <source>A&amp;llowances</source>
        <translation>折讓證明單(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Number ranges</source>
        <translation>字軌號碼(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reporting</source>
        <translation>上傳(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+F: find an invoice · Ctrl+P: print its proof · F5: reload</source>
        <translation>Ctrl+F：搜尋發票 · Ctrl+P：列印證明聯 · F5：重新載入</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>期別(&amp;E)：</translation>
    </message>
    <message>
        <source>number, customer, buyer or document</source>
        <translation>號碼、客戶、買受人或單據</translation>
    </message>
    <message>
        <source>Fin&amp;d:</source>
        <translation>搜尋(&amp;D)：</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>發票號碼</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>買受人</translation>
    </message>
    <message>
        <source>Untaxed</source>
        <translation>未稅金額</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>稅額</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作廢</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已開立</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>證明聯</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>單據</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已上傳</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待上傳</translation>
    </message>
    <message>
        <source>Carrier {carrier}</source>
        <translation>載具 {carrier}</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未列印</translation>
    </message>
    <message>
        <source>&amp;Print proof…</source>
        <translation>列印證明聯(&amp;P)…</translation>
    </message>
    <message>
        <source>An allowance (折讓證明單) takes an amount off a uniform invoice after its filing deadline, or for part of it. A business&apos;s allowance is reported once the buyer has signed it; a consumer&apos;s at once.</source>
        <translation>折讓證明單在申報期限後、或只減少部分金額時，從統一發票中扣減金額。營業人的折讓證明單須經買受人簽回後才上傳；消費者的立即上傳。</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>折讓證明單</translation>
    </message>
    <message>
        <source>Uniform invoice</source>
        <translation>統一發票</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>營業人</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>消費者</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Buyer &amp;confirmed</source>
        <translation>買受人已確認(&amp;C)</translation>
    </message>
    <message>
        <source>Managers: the business buyer has signed the allowance; it is reported</source>
        <translation>經理：營業人買受人已簽回折讓證明單，隨即上傳</translation>
    </message>
    <message>
        <source>&amp;Void allowance…</source>
        <translation>作廢折讓證明單(&amp;V)…</translation>
    </message>
    <message>
        <source>Managers: void an allowance the buyer refused or that was made in error</source>
        <translation>經理：作廢買受人拒收或開錯的折讓證明單</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期別</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>字軌</translation>
    </message>
    <message>
        <source>First number</source>
        <translation>起號</translation>
    </message>
    <message>
        <source>Last number</source>
        <translation>迄號</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩餘</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>A&amp;dd range…</source>
        <translation>新增字軌(&amp;D)…</translation>
    </message>
    <message>
        <source>Managers: enter the numbers the tax office allotted for a period</source>
        <translation>經理：輸入國稅局配給某一期的號碼</translation>
    </message>
    <message>
        <source>A manager enters the ranges the tax office allots.</source>
        <translation>字軌號碼由經理輸入國稅局配給的號碼。</translation>
    </message>
    <message>
        <source>Messages waiting to be written:</source>
        <translation>待寫出的訊息：</translation>
    </message>
    <message>
        <source>Past their deadline:</source>
        <translation>已逾期限：</translation>
    </message>
    <message>
        <source>Next deadline:</source>
        <translation>下一個期限：</translation>
    </message>
    <message>
        <source>Turnkey folder:</source>
        <translation>Turnkey 資料夾：</translation>
    </message>
    <message>
        <source>Every uniform invoice, void and allowance makes a message for the Ministry of Finance&apos;s platform, due within 48 hours for a consumer and 7 days for a business. Every 10 minutes the office server (or, on one workstation, Roundsman while it runs) writes the waiting messages into the Turnkey folder set in Settings, from where the Turnkey uploads them. To write them by hand:</source>
        <translation>每張統一發票、作廢與折讓證明單都會產生一則上傳財政部電子發票整合服務平台的訊息，消費者須於 48 小時內、營業人須於 7 日內上傳。辦公室伺服器（單機使用時為執行中的 Roundsman）每 10 分鐘將待上傳的訊息寫入「設定」中的 Turnkey 資料夾，再由 Turnkey 上傳。手動寫出：</translation>
    </message>
    <message>
        <source>Tax ID {tax_id}</source>
        <translation>統一編號 {tax_id}</translation>
    </message>
    <message>
        <source>Donation {code}</source>
        <translation>捐贈 {code}</translation>
    </message>
    <message>
        <source>Printed proof</source>
        <translation>列印證明聯</translation>
    </message>
    <message>
        <source>A business (統一編號 {tax_id}): tax shown apart, an A4 proof</source>
        <translation>營業人（統一編號 {tax_id}）：稅額另列，A4 證明聯</translation>
    </message>
    <message>
        <source>A consumer: {buyer}</source>
        <translation>消費者：{buyer}</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已列印</translation>
    </message>
    <message>
        <source>Printed {n}×</source>
        <translation>已列印 {n} 次</translation>
    </message>
    <message>
        <source>Waiting for the buyer&apos;s confirmation</source>
        <translation>等待買受人確認</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>{used} / {total} ({percent} %)</source>
        <translation>{used} / {total}（{percent} %）</translation>
    </message>
    <message>
        <source>Current period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>下一期</translation>
    </message>
    <message>
        <source>Closed: unused numbers reported</source>
        <translation>已結束：空白號碼已上傳</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>{n} issued · {void} void · total {total} (tax {tax})</source>
        <translation>開立 {n} 張 · 作廢 {void} 張 · 合計 {total}（稅額 {tax}）</translation>
    </message>
    <message>
        <source>The newest {n} shown</source>
        <translation>顯示最新的 {n} 張</translation>
    </message>
    <message>
        <source>{found} of {n} found</source>
        <translation>{n} 張中找到 {found} 張</translation>
    </message>
    <message>
        <source>A void uniform invoice has no proof to print.</source>
        <translation>已作廢的統一發票沒有證明聯可列印。</translation>
    </message>
    <message>
        <source>Went to the buyer&apos;s carrier or donation code: there is no printed proof.</source>
        <translation>已存入買受人的載具或捐贈：沒有紙本證明聯。</translation>
    </message>
    <message>
        <source>A business&apos;s proof prints on A4.</source>
        <translation>營業人的證明聯以 A4 列印。</translation>
    </message>
    <message>
        <source>A consumer&apos;s proof prints on 57 mm receipt paper.</source>
        <translation>消費者的證明聯以 57 mm 感熱紙列印。</translation>
    </message>
    <message>
        <source>Print the proof again</source>
        <translation>補印證明聯</translation>
    </message>
    <message>
        <source>The proof of uniform invoice {number} was printed already. Print it again, marked as a reprint (補印)?</source>
        <translation>統一發票 {number} 的證明聯已經列印過。要再印一張並標示「補印」嗎？</translation>
    </message>
    <message>
        <source>Uniform invoice {number}</source>
        <translation>統一發票 {number}</translation>
    </message>
    <message>
        <source>A&amp;llowances ({n} waiting)</source>
        <translation>折讓證明單(&amp;L)（{n} 張待確認）</translation>
    </message>
    <message>
        <source>Buyer confirmed</source>
        <translation>買受人已確認</translation>
    </message>
    <message>
        <source>Has the buyer signed allowance {number} ({amount}, uniform invoice {invoice})? It is then reported to the platform.</source>
        <translation>買受人已簽回折讓證明單 {number}（{amount}，統一發票 {invoice}）嗎？確認後即上傳至平台。</translation>
    </message>
    <message>
        <source>Allowance {number} is confirmed; it is reported with the next messages.</source>
        <translation>折讓證明單 {number} 已確認，將隨下一批訊息上傳。</translation>
    </message>
    <message>
        <source>Allowance {number} is void.</source>
        <translation>折讓證明單 {number} 已作廢。</translation>
    </message>
    <message>
        <source>No uniform invoice numbers for {period}: cash sales and billing runs are refused until a manager adds the range the tax office allotted.</source>
        <translation>{period} 沒有統一發票號碼：在經理輸入國稅局配給的字軌號碼之前，現金銷貨與請款作業都會被拒絕。</translation>
    </message>
    <message>
        <source>{period}: no number range</source>
        <translation>{period}：沒有字軌號碼</translation>
    </message>
    <message>
        <source>{period}: {used} of {total} numbers used</source>
        <translation>{period}：{total} 個號碼已使用 {used} 個</translation>
    </message>
    <message>
        <source>{period}: {percent} % of the numbers are used, {left} left. A manager adds the next range the tax office allotted before they run out.</source>
        <translation>{period}：號碼已使用 {percent} %，剩 {left} 個。請經理在用完之前輸入國稅局配給的下一段字軌號碼。</translation>
    </message>
    <message>
        <source>No range for {period} yet: a manager enters it before {day}.</source>
        <translation>{period} 尚無字軌號碼：請經理在 {day} 之前輸入。</translation>
    </message>
    <message>
        <source>{left} numbers left for {period}.</source>
        <translation>{period} 剩 {left} 個號碼。</translation>
    </message>
    <message>
        <source>Range {first} – {last} added for {period}.</source>
        <translation>已為 {period} 新增字軌號碼 {first} – {last}。</translation>
    </message>
    <message>
        <source>not set: nothing is written on a schedule</source>
        <translation>未設定：不會定時寫出</translation>
    </message>
    <message>
        <source>&amp;Reporting ({n} late)</source>
        <translation>上傳(&amp;R)（{n} 則逾期）</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>Opening float</source>
        <translation>開帳零用金</translation>
    </message>
    <message>
        <source>Bank deposit</source>
        <translation>存入銀行</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Cash put into the till on {day}.</source>
        <translation>{day} 放入錢櫃的現金。</translation>
    </message>
    <message>
        <source>Cash taken from the till to the bank on {day}.</source>
        <translation>{day} 從錢櫃送存銀行的現金。</translation>
    </message>
    <message>
        <source>A correction of the cash book on {day}: more in the till, or less (a negative amount).</source>
        <translation>{day} 現金簿的更正：錢櫃增加，或減少（負數）。</translation>
    </message>
    <message>
        <source>&amp;Amount: *</source>
        <translation>金額(&amp;A)：*</translation>
    </message>
    <message>
        <source>&amp;Bank / slip reference:</source>
        <translation>銀行／存款單號(&amp;B)：</translation>
    </message>
    <message>
        <source>Re&amp;ference:</source>
        <translation>參考編號(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>備註(&amp;N)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
</context>
<context>
    <name>ExemptionDialog</name>
    <message>
        <source>Hold without deposit</source>
        <translation>免押金</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>規格(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Cylinders without deposit:</source>
        <translation>免押金鋼瓶數(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. rental contract R-2024-07</source>
        <translation>例如租賃合約 R-2024-07</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Roundsman</source>
        <translation>歡迎使用 Roundsman</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator who sets up the company, or try Roundsman with a demo company.</source>
        <translation>這個資料庫還沒有任何使用者。請建立負責設定公司資料的系統管理員，或以示範公司試用 Roundsman。</translation>
    </message>
    <message>
        <source>Create the administrator</source>
        <translation>建立系統管理員</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>帳號(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>再次輸入密碼(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Create the administrator</source>
        <translation>建立系統管理員(&amp;C)</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>試用示範公司</translation>
    </message>
    <message>
        <source>A gas distributor in Taichung with {n} customers, its products and four users.</source>
        <translation>一家位於台中的瓦斯行，含 {n} 位客戶、產品資料及四位使用者。</translation>
    </message>
    <message>
        <source>Log in as:</source>
        <translation>登入身分：</translation>
    </message>
    <message>
        <source>user name {user}, password {password}</source>
        <translation>帳號 {user}，密碼 {password}</translation>
    </message>
    <message>
        <source>Fill with &amp;demo data</source>
        <translation>填入示範資料(&amp;D)</translation>
    </message>
</context>
<context>
    <name>FleetWindow</name>
    <message>
        <source>Drivers and vehicles</source>
        <translation>司機與車輛</translation>
    </message>
    <message>
        <source>Drivers</source>
        <translation>司機</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>&amp;Name: *</source>
        <translation>姓名(&amp;N)：*</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>電話(&amp;P)：</translation>
    </message>
    <message>
        <source>e.g. 0912 345 678</source>
        <translation>例如 0912 345 678</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <source>A&amp;ctive: can drive routes</source>
        <translation>啟用(&amp;C)：可出車</translation>
    </message>
    <message>
        <source>New dri&amp;ver</source>
        <translation>新增司機(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save driver</source>
        <translation>儲存司機(&amp;S)</translation>
    </message>
    <message>
        <source>Save (Enter in the form)</source>
        <translation>儲存（在表單中按 Enter）</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>車輛</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>車牌</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>載重</translation>
    </message>
    <message>
        <source>Usual driver</source>
        <translation>固定司機</translation>
    </message>
    <message>
        <source>P&amp;late: *</source>
        <translation>車牌(&amp;L)：*</translation>
    </message>
    <message>
        <source>e.g. ABC-1234</source>
        <translation>例如 ABC-1234</translation>
    </message>
    <message>
        <source>Capacit&amp;y: *</source>
        <translation>載重(&amp;Y)：*</translation>
    </message>
    <message>
        <source>How much the vehicle carries: a number of cylinders (any size), or kg of gas</source>
        <translation>車輛可載多少：瓦斯桶數（不分大小），或瓦斯公斤數</translation>
    </message>
    <message>
        <source>Usual &amp;driver:</source>
        <translation>固定司機(&amp;D)：</translation>
    </message>
    <message>
        <source>Ac&amp;tive: can be planned</source>
        <translation>啟用(&amp;T)：可排入路線</translation>
    </message>
    <message>
        <source>New v&amp;ehicle</source>
        <translation>新增車輛(&amp;E)</translation>
    </message>
    <message>
        <source>S&amp;ave vehicle</source>
        <translation>儲存車輛(&amp;A)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（無）</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>New driver</source>
        <translation>新司機</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>已儲存 {name}。</translation>
    </message>
    <message>
        <source>This driver was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>這位司機已在別處修改。要載入較新的版本嗎？（選「否」則保留您輸入的內容。）</translation>
    </message>
    <message>
        <source>New vehicle</source>
        <translation>新車輛</translation>
    </message>
    <message>
        <source>Saved {plate}.</source>
        <translation>已儲存 {plate}。</translation>
    </message>
    <message>
        <source>This vehicle was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>這輛車已在別處修改。要載入較新的版本嗎？（選「否」則保留您輸入的內容。）</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GenerateDialog</name>
    <message>
        <source>Generate orders</source>
        <translation>產生訂單</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Makes an order for every standing order due on these dates, each through the credit check. Running it again makes only what is still missing.</source>
        <translation>為這些日期應配送的每一筆固定訂單產生訂單，每張都經過信用檢查。再執行一次只會產生尚未產生的訂單。</translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <source>through</source>
        <translation>至</translation>
    </message>
    <message>
        <source>&amp;Delivery dates:</source>
        <translation>配送日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Generate orders</source>
        <translation>產生訂單(&amp;G)</translation>
    </message>
    <message>
        <source>Make the orders of every standing order due on these dates (what is made already is not made again)</source>
        <translation>為這些日期應配送的每一筆固定訂單產生訂單（已產生的不會重複產生）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the order being made; the orders made so far stay</source>
        <translation>做完目前這張訂單後停止；已產生的訂單保留</translation>
    </message>
    <message>
        <source>The last date comes before the first.</source>
        <translation>結束日期早於開始日期。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>{created} order created, {refused} refused</source>
        <translation>已產生 {created} 張訂單，{refused} 張被拒</translation>
    </message>
    <message>
        <source>{created} orders created, {refused} refused</source>
        <translation>已產生 {created} 張訂單，{refused} 張被拒</translation>
    </message>
    <message>
        <source> ({already} made before)</source>
        <translation>（{already} 張先前已產生）</translation>
    </message>
    <message>
        <source>Cancelled: {summary}</source>
        <translation>已取消：{summary}</translation>
    </message>
    <message>
        <source>The refused ones are in the list of refused orders in Standing orders.</source>
        <translation>被拒的訂單列在「固定訂單」視窗的被拒訂單清單中。</translation>
    </message>
</context>
<context>
    <name>GenerateWindow</name>
    <message>
        <source>Generate orders</source>
        <translation>產生訂單</translation>
    </message>
    <message>
        <source>Generate orders from standing orders</source>
        <translation>由固定訂單產生訂單</translation>
    </message>
    <message>
        <source>Makes an order for every standing order due on these dates, each through the credit check, so that the trucks can be planned. Running it again makes only what is still missing; a refused order goes to the clerks, who call the customer.</source>
        <translation>為這些日期應配送的每一筆固定訂單產生訂單，每張都經過信用檢查，以便安排車輛。再執行一次只會產生尚未產生的訂單；被拒的訂單會交給客服人員，由他們聯絡客戶。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import customers</source>
        <translation>匯入客戶</translation>
    </message>
    <message>
        <source>Import products</source>
        <translation>匯入產品</translation>
    </message>
    <message>
        <source>The first row of the file names the columns (.xlsx: the first sheet; .csv: UTF-8 or Big5).
Required columns: {required}
Optional columns: {optional}
A row whose {key} already exists updates that record; the others are added. Nothing is imported while any row is wrong.</source>
        <translation>檔案的第一列為欄位名稱（.xlsx：讀取第一個工作表；.csv：UTF-8 或 Big5 編碼）。
必要欄位：{required}
選用欄位：{optional}
若某列的 {key} 已存在，就更新該筆資料，其餘則新增。只要有任何一列有誤，就不會匯入任何資料。</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>尚未選擇檔案</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>檔案：</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>選擇檔案(&amp;C)…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>資料列</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>匯入(&amp;I)</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>選擇要匯入的檔案</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>試算表 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>動作</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Rows ({n})</source>
        <translation>資料列（{n}）</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>問題（{n}）</translation>
    </message>
    <message>
        <source>{n} rows are ready: {new} new, {update} to update.</source>
        <translation>{n} 列已就緒：新增 {new} 筆，更新 {update} 筆。</translation>
    </message>
    <message>
        <source>Rows with problems: {n}. Correct the file and choose it again; nothing is imported until every row is right.</source>
        <translation>有問題的資料列：{n}。請修正檔案後重新選擇；所有資料列都正確後才會匯入。</translation>
    </message>
    <message>
        <source>Imported: {created} new, {updated} updated, {unchanged} unchanged.</source>
        <translation>匯入完成：新增 {created} 筆，更新 {updated} 筆，{unchanged} 筆未變更。</translation>
    </message>
</context>
<context>
    <name>InspectionsWindow</name>
    <message>
        <source>Safety inspections</source>
        <translation>安全檢查</translation>
    </message>
    <message>
        <source>&amp;Due</source>
        <translation>到期日(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Visits</source>
        <translation>訪視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Gas stopped</source>
        <translation>停止供氣(&amp;G)</translation>
    </message>
    <message>
        <source>Due &amp;by:</source>
        <translation>到期日截至(&amp;B)：</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Next inspection</source>
        <translation>下次檢查日</translation>
    </message>
    <message>
        <source>never</source>
        <translation>未曾檢查</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Visit planned</source>
        <translation>已排訪視</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>供氣</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>&amp;Plan inspections…</source>
        <translation>排定檢查(&amp;P)…</translation>
    </message>
    <message>
        <source>A visit on a day for each customer chosen</source>
        <translation>為每位選取的客戶排定某一天的訪視</translation>
    </message>
    <message>
        <source>Set &amp;next date…</source>
        <translation>設定下次檢查日(&amp;N)…</translation>
    </message>
    <message>
        <source>Set the next inspection of the customers chosen by hand (e.g. from an inspection on paper)</source>
        <translation>手動設定所選客戶的下次檢查日（例如依紙本檢查結果）</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>開始(&amp;F)：</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>訪視</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下次檢查日</translation>
    </message>
    <message>
        <source>&amp;Record result…</source>
        <translation>登錄結果(&amp;R)…</translation>
    </message>
    <message>
        <source>Print rec&amp;ord…</source>
        <translation>列印安全檢查紀錄(&amp;O)…</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>檢查日</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Clear gas stop…</source>
        <translation>解除停止供氣(&amp;C)…</translation>
    </message>
    <message>
        <source>A manager lets the customer&apos;s gas orders go again, with a reason</source>
        <translation>經理填寫原因後，恢復接受此客戶的瓦斯訂單</translation>
    </message>
    <message>
        <source>{count} due, {overdue} of them overdue</source>
        <translation>{count} 位到期，其中 {overdue} 位逾期</translation>
    </message>
    <message>
        <source>Choose the customers to visit in the list (Ctrl or Shift for several, Ctrl+A for all).</source>
        <translation>請在清單中選擇要訪視的客戶（按住 Ctrl 或 Shift 可多選，Ctrl+A 全選）。</translation>
    </message>
    <message>
        <source>{count} visits planned.</source>
        <translation>已排定 {count} 筆訪視。</translation>
    </message>
    <message>
        <source>Had a visit planned already: {names}.</source>
        <translation>已有排定的訪視：{names}。</translation>
    </message>
    <message>
        <source>Choose the customers in the list (Ctrl or Shift for several).</source>
        <translation>請在清單中選擇客戶（按住 Ctrl 或 Shift 可多選）。</translation>
    </message>
    <message>
        <source>The next inspection was set ({count} changed).</source>
        <translation>已設定下次檢查日（{count} 位有變更）。</translation>
    </message>
    <message>
        <source>{customer}: {result}; next inspection {day}.</source>
        <translation>{customer}：{result}；下次檢查日 {day}。</translation>
    </message>
    <message>
        <source>Inspection record {number}</source>
        <translation>安全檢查紀錄 {number}</translation>
    </message>
    <message>
        <source>Choose the customer whose gas stop to clear.</source>
        <translation>請選擇要解除停止供氣的客戶。</translation>
    </message>
    <message>
        <source>Gas orders for {customer} go again.</source>
        <translation>已恢復接受 {customer} 的瓦斯訂單。</translation>
    </message>
</context>
<context>
    <name>InvoiceNowDialog</name>
    <message>
        <source>Invoice one customer now</source>
        <translation>立即為單一客戶開單</translation>
    </message>
    <message>
        <source>Everything delivered to the customer on account and not invoiced yet goes on one invoice, numbered now.</source>
        <translation>客戶所有月結、已送達且尚未請款的內容開在一張請款單上，現在編號。</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>客戶(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Invoice now</source>
        <translation>立即開單(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>請先查詢客戶。</translation>
    </message>
</context>
<context>
    <name>LinesGrid</name>
    <message>
        <source>Subtotal:</source>
        <translation>小計：</translation>
    </message>
    <message>
        <source>Tax:</source>
        <translation>稅額：</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>合計：</translation>
    </message>
</context>
<context>
    <name>LoadBar</name>
    <message>
        <source>Over capacity by {n} {unit}</source>
        <translation>超載 {n} {unit}</translation>
    </message>
    <message>
        <source>{free} {unit} free</source>
        <translation>尚可裝 {free} {unit}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Roundsman</source>
        <translation>登入 Roundsman</translation>
    </message>
    <message>
        <source>Office server {address}</source>
        <translation>辦公室伺服器 {address}</translation>
    </message>
    <message>
        <source>Back office for gas delivery</source>
        <translation>瓦斯配送後台管理系統</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>帳號(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>語言(&amp;L)：</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登入</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Roundsman — {company}</source>
        <translation>Roundsman — {company}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>Import &amp;customers…</source>
        <translation>匯入客戶(&amp;C)…</translation>
    </message>
    <message>
        <source>Import &amp;products…</source>
        <translation>匯入產品(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>帳號(&amp;A)</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>變更密碼(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Roundsman…</source>
        <translation>關於 Roundsman(&amp;A)…</translation>
    </message>
    <message>
        <source>User: {user}</source>
        <translation>使用者：{user}</translation>
    </message>
    <message>
        <source>Roles: {roles}</source>
        <translation>角色：{roles}</translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation>資料庫：{database}</translation>
    </message>
    <message>
        <source>Server: {server}</source>
        <translation>伺服器：{server}</translation>
    </message>
    <message>
        <source>Server unreachable — retrying</source>
        <translation>無法連上伺服器 — 重試中</translation>
    </message>
    <message>
        <source>Log in again</source>
        <translation>請重新登入</translation>
    </message>
    <message>
        <source>The server ended this session (your password or roles changed, or an administrator logged you out). Nothing is sent any more: start Roundsman again and log in.</source>
        <translation>伺服器已結束這次登入（您的密碼或角色已變更，或系統管理員將您登出）。之後不會再送出任何資料：請重新啟動 Roundsman 並登入。</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>密碼已變更</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密碼已變更。</translation>
    </message>
</context>
<context>
    <name>MarginDialog</name>
    <message>
        <source>Margin per size</source>
        <translation>各規格毛利</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>規格</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>進貨量</translation>
    </message>
    <message>
        <source>Bought kg</source>
        <translation>進貨公斤數</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Cost per kg</source>
        <translation>每公斤成本</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>售出量</translation>
    </message>
    <message>
        <source>Sold kg</source>
        <translation>售出公斤數</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>銷售額</translation>
    </message>
    <message>
        <source>Sales per kg</source>
        <translation>每公斤銷售額</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Margin per kg</source>
        <translation>每公斤毛利</translation>
    </message>
    <message>
        <source>Cost: the month&apos;s purchases from the filling plant. Sales: the cylinders delivered that month, without tax. Margin: sales − kg sold × the month&apos;s cost per kg (none without a purchase).</source>
        <translation>成本：當月向分裝場的進貨。銷售額：當月送出的鋼瓶，未稅。毛利：銷售額 − 售出公斤數 × 當月每公斤成本（當月無進貨則不計算）。</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>匯出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Nothing bought or delivered in {month}.</source>
        <translation>{month} 沒有進貨，也沒有配送。</translation>
    </message>
    <message>
        <source>{month}: bought for {cost}, sold for {sales}, margin {margin}</source>
        <translation>{month}：進貨 {cost}，銷售 {sales}，毛利 {margin}</translation>
    </message>
    <message>
        <source>Margin {month}</source>
        <translation>毛利 {month}</translation>
    </message>
</context>
<context>
    <name>MonthDaysBox</name>
    <message>
        <source>e.g. 1, 15</source>
        <translation>例如 1, 15</translation>
    </message>
    <message>
        <source>A day a month lacks (the 31st in April) falls on its last day.</source>
        <translation>該月沒有的日期（例如 4 月 31 日）改在該月最後一天。</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move order</source>
        <translation>移動訂單</translation>
    </message>
    <message>
        <source>Unplanned (on no route)</source>
        <translation>未排入（不在任何路線上）</translation>
    </message>
    <message>
        <source>{plate} · {driver} · {n} stops</source>
        <translation>{plate} · {driver} · {n} 站</translation>
    </message>
    <message>
        <source>no driver</source>
        <translation>無司機</translation>
    </message>
    <message>
        <source>{plate} · a new route</source>
        <translation>{plate} · 新路線</translation>
    </message>
    <message>
        <source>1 is the first stop</source>
        <translation>1 是第一站</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>移到(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;As stop number:</source>
        <translation>第幾站(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Order entry</source>
        <translation>訂單輸入</translation>
    </message>
    <message>
        <source>Standing orders</source>
        <translation>固定訂單</translation>
    </message>
    <message>
        <source>Generate orders</source>
        <translation>產生訂單</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>配送結果</translation>
    </message>
    <message>
        <source>Cash-up</source>
        <translation>司機繳款</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>帳單</translation>
    </message>
    <message>
        <source>Uniform invoices</source>
        <translation>統一發票</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Cash book</source>
        <translation>現金簿</translation>
    </message>
    <message>
        <source>Driver accounts</source>
        <translation>司機帳</translation>
    </message>
    <message>
        <source>Aging</source>
        <translation>帳齡</translation>
    </message>
    <message>
        <source>Cylinder stock</source>
        <translation>鋼瓶庫存</translation>
    </message>
    <message>
        <source>Cylinders</source>
        <translation>鋼瓶</translation>
    </message>
    <message>
        <source>Safety inspections</source>
        <translation>安全檢查</translation>
    </message>
    <message>
        <source>Drivers and vehicles</source>
        <translation>司機與車輛</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派車</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Order search</source>
        <translation>訂單查詢</translation>
    </message>
    <message>
        <source>Bulk orders</source>
        <translation>批次訂單</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>報價單</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>信用管理</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>稽核紀錄</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
</context>
<context>
    <name>NextDateDialog</name>
    <message>
        <source>Next inspection</source>
        <translation>下次檢查日</translation>
    </message>
    <message>
        <source>The next inspection of {count} customers: {names}</source>
        <translation>{count} 位客戶的下次檢查日：{names}</translation>
    </message>
    <message>
        <source>&amp;Next inspection:</source>
        <translation>下次檢查日(&amp;N)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
</context>
<context>
    <name>OrderEntryWindow</name>
    <message>
        <source>Order entry</source>
        <translation>訂單輸入</translation>
    </message>
    <message>
        <source>Phone (last digits will do), name, code or address</source>
        <translation>電話（末幾碼即可）、名稱、編號或地址</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>客戶(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation>訂單明細(&amp;L)：</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Enter: next cell · Ins: new line · Ctrl+Del: delete line · Ctrl+S: save</source>
        <translation>Enter：下一格 · Ins：新增一列 · Ctrl+Del：刪除該列 · Ctrl+S：儲存</translation>
    </message>
    <message>
        <source>&amp;Delivery date:</source>
        <translation>配送日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>時段(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Payment:</source>
        <translation>付款方式(&amp;P)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>備註(&amp;O)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Save the order (Enter below the grid, Ctrl+S anywhere)</source>
        <translation>儲存訂單（在明細表格下方的欄位按 Enter，或在任何位置按 Ctrl+S）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the form for the next call (Esc)</source>
        <translation>清空表單，準備接下一通電話（Esc）</translation>
    </message>
    <message>
        <source>How this customer&apos;s uniform invoice (統一發票) goes (the customer&apos;s record says)</source>
        <translation>這位客戶的統一發票如何開立（依客戶資料）</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用額度</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>應收餘額</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未結訂單</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用額度</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送日</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>&amp;Repeat last order (F2)</source>
        <translation>重複上次訂單(&amp;R)（F2）</translation>
    </message>
    <message>
        <source>Fill the lines from the last order, at the prices for the delivery date (F2 or Ctrl+R)</source>
        <translation>以上次訂單的產品填入明細，價格依配送日期計算（F2 或 Ctrl+R）</translation>
    </message>
    <message>
        <source>Last orders:</source>
        <translation>最近訂單：</translation>
    </message>
    <message>
        <source>Today&apos;s &amp;orders:</source>
        <translation>今日訂單(&amp;O)：</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>&amp;Cancel order…</source>
        <translation>取消訂單(&amp;C)…</translation>
    </message>
    <message>
        <source>Cancel the chosen order, with a reason</source>
        <translation>取消選取的訂單（須填寫原因）</translation>
    </message>
    <message>
        <source>BLOCKED: {reason} — orders on account are refused.</source>
        <translation>已凍結：{reason}——不接受月結訂單。</translation>
    </message>
    <message>
        <source>{amount} (cash only)</source>
        <translation>{amount}（僅限現金）</translation>
    </message>
    <message>
        <source>Overdue: 0–30 days {a} · 31–60 {b} · 61–90 {c} · over 90 {d}</source>
        <translation>逾期：0–30 天 {a} · 31–60 天 {b} · 61–90 天 {c} · 90 天以上 {d}</translation>
    </message>
    <message>
        <source>統一編號 {tax_id} {title}</source>
        <translation>統一編號 {tax_id} {title}</translation>
    </message>
    <message>
        <source>Carrier {carrier}</source>
        <translation>載具 {carrier}</translation>
    </message>
    <message>
        <source>Donation {code}</source>
        <translation>捐贈 {code}</translation>
    </message>
    <message>
        <source>Printed proof</source>
        <translation>列印證明聯</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>請先查詢客戶。</translation>
    </message>
    <message>
        <source>{name} has no earlier order to repeat.</source>
        <translation>{name} 沒有先前的訂單可以重複。</translation>
    </message>
    <message>
        <source>The lines of {number} are filled in, at the prices for {day}.</source>
        <translation>已填入 {number} 的明細，價格以 {day} 為準。</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>新訂單</translation>
    </message>
    <message>
        <source>Saved {number} — {total}</source>
        <translation>已儲存 {number} — {total}</translation>
    </message>
    <message>
        <source>This order was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>此訂單已在其他地方被修改。要重新載入較新的版本嗎？（若選「否」，您輸入的內容會保留在表單中。）</translation>
    </message>
    <message>
        <source>Changing {number} ({status})</source>
        <translation>修改 {number}（{status}）</translation>
    </message>
    <message>
        <source>{number} is {status}: it can no longer be changed</source>
        <translation>{number} 為「{status}」：已無法修改</translation>
    </message>
    <message>
        <source>{n} orders · {total}</source>
        <translation>{n} 筆訂單 · {total}</translation>
    </message>
    <message>
        <source>Cancelled {number}.</source>
        <translation>已取消 {number}。</translation>
    </message>
</context>
<context>
    <name>OrderSearchWindow</name>
    <message>
        <source>Order search</source>
        <translation>訂單查詢</translation>
    </message>
    <message>
        <source>Order number, customer name, phone or code</source>
        <translation>訂單編號、客戶名稱、電話或客戶編號</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>所有狀態</translation>
    </message>
    <message>
        <source>Any area</source>
        <translation>所有區域</translation>
    </message>
    <message>
        <source>The customer&apos;s area, exactly as on the customer</source>
        <translation>客戶資料中的區域（須完全相同）</translation>
    </message>
    <message>
        <source>Any product</source>
        <translation>所有產品</translation>
    </message>
    <message>
        <source>Delivery &amp;from</source>
        <translation>配送日期自(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <source>With a credit &amp;override</source>
        <translation>含超額核准(&amp;O)</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>已儲存的搜尋</translation>
    </message>
    <message>
        <source>&amp;Save search…</source>
        <translation>儲存搜尋(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the chosen saved search</source>
        <translation>刪除選取的已儲存搜尋</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>匯出至 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Every matching order, all pages</source>
        <translation>所有符合條件的訂單（包含所有頁面）</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>搜尋(&amp;R)：</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>狀態(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>區域(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Product:</source>
        <translation>產品(&amp;P)：</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>單號</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>編號</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>區域</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送日</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>接單人員</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>接單時間</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <source>Delivery:</source>
        <translation>配送日：</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>合計：</translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation>接單：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>備註：</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>稅額</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申請人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>核准人</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>額度</translation>
    </message>
    <message>
        <source>Over the limit by</source>
        <translation>超出額度</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No order matches.</source>
        <translation>沒有符合的訂單。</translation>
    </message>
    <message>
        <source>Orders: {n}</source>
        <translation>訂單數：{n}</translation>
    </message>
    <message>
        <source>The newest {n} orders; more load as you scroll.</source>
        <translation>目前顯示最新的 {n} 筆訂單；向下捲動會載入更多。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>orders-{day}.xlsx</source>
        <translation>訂單-{day}.xlsx</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>儲存搜尋</translation>
    </message>
    <message>
        <source>Name of the search (saving under an existing name replaces it):</source>
        <translation>搜尋名稱（使用已存在的名稱會取代原有的搜尋）：</translation>
    </message>
    <message>
        <source>Delete saved search</source>
        <translation>刪除已儲存的搜尋</translation>
    </message>
    <message>
        <source>Delete the saved search “{name}”?</source>
        <translation>要刪除已儲存的搜尋「{name}」嗎？</translation>
    </message>
    <message>
        <source>Press Enter or double-click an order to see it here.</source>
        <translation>按 Enter 或按兩下訂單，即可在此查看詳細內容。</translation>
    </message>
    <message>
        <source>{status}: {reason}</source>
        <translation>{status}：{reason}</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>參考編號：</translation>
    </message>
    <message>
        <source>{total} (tax {tax})</source>
        <translation>{total}（稅額 {tax}）</translation>
    </message>
    <message>
        <source>Lines ({n})</source>
        <translation>明細（{n}）</translation>
    </message>
    <message>
        <source>Credit overrides ({n})</source>
        <translation>超額核准（{n}）</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Order refused</source>
        <translation>訂單遭拒</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用額度</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>應收餘額</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未結訂單</translation>
    </message>
    <message>
        <source>This change</source>
        <translation>本次變更</translation>
    </message>
    <message>
        <source>This order</source>
        <translation>本訂單</translation>
    </message>
    <message>
        <source>Over the limit by</source>
        <translation>超出額度</translation>
    </message>
    <message>
        <source>Back to the order</source>
        <translation>返回訂單</translation>
    </message>
    <message>
        <source>A manager may approve the order with their own user name and password; the override is kept with the order.</source>
        <translation>經理可以輸入自己的帳號與密碼核准此訂單；超額核准紀錄會與訂單一併保存。</translation>
    </message>
    <message>
        <source>&amp;Manager:</source>
        <translation>經理(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>Request override</source>
        <translation>申請超額核准</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation>密碼至少需要 {n} 個字元。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>變更密碼</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>目前密碼(&amp;C)：</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重設密碼</translation>
    </message>
    <message>
        <source>Set a new password for {user}. This also unlocks the account.</source>
        <translation>為 {user} 設定新密碼，同時解除帳號鎖定。</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>新密碼(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>再次輸入新密碼(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <source>Pause standing order</source>
        <translation>暫停固定訂單</translation>
    </message>
    <message>
        <source>until</source>
        <translation>直到</translation>
    </message>
    <message>
        <source>Without an end the standing order stays paused until it is resumed. Orders already made are not changed.</source>
        <translation>不設結束日期時，固定訂單會一直暫停到恢復為止。已產生的訂單不受影響。</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>開始(&amp;F)：</translation>
    </message>
    <message>
        <source>Pause:</source>
        <translation>暫停：</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PaymentsWindow</name>
    <message>
        <source>Payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>客戶(&amp;C)：</translation>
    </message>
    <message>
        <source>Ctrl+F: find a customer · Enter: next field / record · Ctrl+S: record the payment · Ctrl+P: statement</source>
        <translation>Ctrl+F：找客戶 · Enter：下一欄／登錄 · Ctrl+S：登錄收款 · Ctrl+P：對帳單</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>請款單</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未結清</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天數</translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation>沖銷</translation>
    </message>
    <message>
        <source>Open &amp;invoices (oldest due first):</source>
        <translation>未結清請款單(&amp;I)（最早到期者在前）：</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收款日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Placed on</source>
        <translation>沖銷至</translation>
    </message>
    <message>
        <source>&amp;Last payments:</source>
        <translation>最近收款(&amp;L)：</translation>
    </message>
    <message>
        <source>Credit &amp;note…</source>
        <translation>折讓單(&amp;N)…</translation>
    </message>
    <message>
        <source>Credit the chosen invoice (or the account) for a dispute; another manager approves</source>
        <translation>為爭議開立折讓（沖所選請款單或帳戶）；由另一位經理核准</translation>
    </message>
    <message>
        <source>Re&amp;fund…</source>
        <translation>退款(&amp;F)…</translation>
    </message>
    <message>
        <source>Managers: pay back the customer&apos;s credit</source>
        <translation>經理：退還客戶的溢付款</translation>
    </message>
    <message>
        <source>&amp;Statement…</source>
        <translation>對帳單(&amp;S)…</translation>
    </message>
    <message>
        <source>The statement of account for these dates, to preview and print (Ctrl+P)</source>
        <translation>這段日期的對帳單，可預覽與列印 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Statement fro&amp;m:</source>
        <translation>對帳單起日(&amp;M)：</translation>
    </message>
    <message>
        <source>through</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Payment received</source>
        <translation>收到款項</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方式(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Amount: *</source>
        <translation>金額(&amp;A)：*</translation>
    </message>
    <message>
        <source>&amp;Received on:</source>
        <translation>收款日(&amp;R)：</translation>
    </message>
    <message>
        <source>Cheque n&amp;umber: *</source>
        <translation>支票號碼(&amp;U)：*</translation>
    </message>
    <message>
        <source>&amp;Bank: *</source>
        <translation>付款銀行(&amp;B)：*</translation>
    </message>
    <message>
        <source>Cheque &amp;date: *</source>
        <translation>支票日期(&amp;D)：*</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Re&amp;ference:</source>
        <translation>參考編號(&amp;F)：</translation>
    </message>
    <message>
        <source>e.g. the transfer&apos;s reference</source>
        <translation>例如轉帳的參考編號</translation>
    </message>
    <message>
        <source>Oldest invoices first</source>
        <translation>先沖最早的請款單</translation>
    </message>
    <message>
        <source>By hand, in the Allocate column</source>
        <translation>手動，在「沖銷」欄填寫</translation>
    </message>
    <message>
        <source>Place it:</source>
        <translation>沖銷方式：</translation>
    </message>
    <message>
        <source>&amp;Record payment</source>
        <translation>登錄收款(&amp;R)</translation>
    </message>
    <message>
        <source>Record the payment (Enter in the form, Ctrl+S)</source>
        <translation>登錄收款（表單中按 Enter，或 Ctrl+S）</translation>
    </message>
    <message>
        <source>{placed} placed on the oldest invoices; {rest} stays as credit.</source>
        <translation>{placed} 沖銷最早的請款單；{rest} 留作溢付款。</translation>
    </message>
    <message>
        <source>{placed} placed on the oldest invoices.</source>
        <translation>{placed} 沖銷最早的請款單。</translation>
    </message>
    <message>
        <source>What is not placed by hand stays as credit.</source>
        <translation>未手動沖銷的部分留作溢付款。</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>請先查詢客戶。</translation>
    </message>
    <message>
        <source>Balance: {balance}</source>
        <translation>餘額：{balance}</translation>
    </message>
    <message>
        <source>Balance: {credit} in credit</source>
        <translation>餘額：溢付 {credit}</translation>
    </message>
    <message>
        <source>Open on invoices: {owed}</source>
        <translation>請款單未結清：{owed}</translation>
    </message>
    <message>
        <source>overdue: {amount}</source>
        <translation>逾期：{amount}</translation>
    </message>
    <message>
        <source>unallocated credit: {credit}</source>
        <translation>未沖銷溢付款：{credit}</translation>
    </message>
    <message>
        <source>{amount} received from {customer}.</source>
        <translation>已收到 {customer} 的 {amount}。</translation>
    </message>
    <message>
        <source>Placed on {invoices}.</source>
        <translation>沖銷至 {invoices}。</translation>
    </message>
    <message>
        <source>Credit note {number}: {amount}, approved by {manager}.</source>
        <translation>折讓單 {number}：{amount}，由 {manager} 核准。</translation>
    </message>
    <message>
        <source>{amount} refunded to {customer}.</source>
        <translation>已退還 {customer} {amount}。</translation>
    </message>
    <message>
        <source>The last date comes before the first.</source>
        <translation>結束日期早於開始日期。</translation>
    </message>
    <message>
        <source>Statement of account {customer}, {start} – {end}</source>
        <translation>對帳單 {customer}，{start} – {end}</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan inspections</source>
        <translation>排定檢查</translation>
    </message>
    <message>
        <source>A safety inspection visit for {count} customers: {names}</source>
        <translation>為 {count} 位客戶排定安全檢查訪視：{names}</translation>
    </message>
    <message>
        <source>Visit &amp;day:</source>
        <translation>訪視日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Each visit is an order the dispatcher plans on that day&apos;s routes; a customer with a visit planned already gets none.</source>
        <translation>每筆訪視都是一張訂單，由調度員排入當天的路線；已有排定訪視的客戶不會再新增。</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>排定</translation>
    </message>
</context>
<context>
    <name>PlanRunner</name>
    <message>
        <source>The route planner stopped unexpectedly (exit code {code}).</source>
        <translation>排路線程式意外結束（結束代碼 {code}）。</translation>
    </message>
    <message>
        <source>The route planner did not stop; it was ended and the plan was not changed.</source>
        <translation>排路線程式沒有停止，已強制結束；路線沒有變更。</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Cannot print</source>
        <translation>無法列印</translation>
    </message>
    <message>
        <source>The printer “{name}” could not be opened. Check that it is switched on and connected, or choose another.</source>
        <translation>無法開啟印表機「{name}」。請確認印表機已開啟並連線，或選擇其他印表機。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存為 PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{n} page(s)</source>
        <translation>共 {n} 頁</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>列印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存為 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
</context>
<context>
    <name>ProductsWindow</name>
    <message>
        <source>Products</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>單位</translation>
    </message>
    <message>
        <source>Today&apos;s price</source>
        <translation>今日價格</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>押金</translation>
    </message>
    <message>
        <source>Tax rate</source>
        <translation>稅率</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>{kg} kg</source>
        <translation>{kg} 公斤</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>&amp;SKU: *</source>
        <translation>SKU(&amp;S)：*</translation>
    </message>
    <message>
        <source>&amp;Chinese name: *</source>
        <translation>中文名稱(&amp;C)：*</translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation>英文名稱(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>單位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Price: *</source>
        <translation>價格(&amp;P)：*</translation>
    </message>
    <message>
        <source>Price e&amp;ffective from:</source>
        <translation>價格生效日(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Tax rate:</source>
        <translation>稅率(&amp;T)：</translation>
    </message>
    <message>
        <source>{rate} (company rate)</source>
        <translation>{rate}（公司稅率）</translation>
    </message>
    <message>
        <source>Leave blank to use the company&apos;s tax rate.</source>
        <translation>留空則採用公司稅率。</translation>
    </message>
    <message>
        <source>&amp;Deposit:</source>
        <translation>押金(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>重量(&amp;W)：</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>公斤</translation>
    </message>
    <message>
        <source>What one unit weighs on a truck, e.g. 36 for a full 20 kg cylinder; blank for a service.</source>
        <translation>一個單位在車上的重量，例如一桶滿的 20 公斤瓦斯為 36；服務項目留空。</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <source>&amp;Active: can be ordered</source>
        <translation>啟用(&amp;A)：可接受訂購</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效日</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>價格</translation>
    </message>
    <message>
        <source>Price &amp;history (the current price in bold):</source>
        <translation>價格歷史(&amp;H)（粗體為目前價格）：</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Start a new product (Ctrl+N)</source>
        <translation>新增產品（Ctrl+N）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Save (Enter or Ctrl+S)</source>
        <translation>儲存（Enter 或 Ctrl+S）</translation>
    </message>
    <message>
        <source>Only a manager can change products and prices.</source>
        <translation>只有經理可以修改產品與價格。</translation>
    </message>
    <message>
        <source>company rate</source>
        <translation>公司稅率</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新產品</translation>
    </message>
    <message>
        <source>Saved {sku}.</source>
        <translation>已儲存 {sku}。</translation>
    </message>
    <message>
        <source>This product was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>此產品已在其他地方被修改。要重新載入較新的版本嗎？（若選「否」，您輸入的內容會保留在表單中。）</translation>
    </message>
</context>
<context>
    <name>QuotesWindow</name>
    <message>
        <source>Quotes</source>
        <translation>報價單</translation>
    </message>
    <message>
        <source>Number, customer or prospect</source>
        <translation>單號、客戶或潛在客戶</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有狀態</translation>
    </message>
    <message>
        <source>Fin&amp;d:</source>
        <translation>搜尋(&amp;D)：</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>報價單</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期限</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>&amp;New quote</source>
        <translation>新增報價單(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new quote (Ctrl+N)</source>
        <translation>開始新的報價單（Ctrl+N）</translation>
    </message>
    <message>
        <source>Phone (last digits will do), name, code or address</source>
        <translation>電話（末幾碼即可）、名稱、編號或地址</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>客戶(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Prospect (not a customer yet)</source>
        <translation>潛在客戶（尚非客戶）(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Name: *</source>
        <translation>名稱(&amp;N)：*</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>電話(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Document lan&amp;guage:</source>
        <translation>單據語言(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation>報價明細(&amp;L)：</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Enter: next cell · Ins: new line · Ctrl+Del: delete line · Ctrl+S: save</source>
        <translation>Enter：下一格 · Ins：新增一列 · Ctrl+Del：刪除該列 · Ctrl+S：儲存</translation>
    </message>
    <message>
        <source>Quote date:</source>
        <translation>報價日期：</translation>
    </message>
    <message>
        <source>&amp;Valid until:</source>
        <translation>有效期限(&amp;V)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>備註(&amp;O)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Save the quote (Enter below the grid, Ctrl+S anywhere)</source>
        <translation>儲存報價單（在明細下方按 Enter，或任何地方按 Ctrl+S）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the form for a new quote (Esc)</source>
        <translation>清除表單以開始新的報價單（Esc）</translation>
    </message>
    <message>
        <source>S&amp;end</source>
        <translation>已送出(&amp;E)</translation>
    </message>
    <message>
        <source>Mark the quote as sent to the customer</source>
        <translation>標記報價單已送交客戶</translation>
    </message>
    <message>
        <source>Acc&amp;ept</source>
        <translation>客戶接受(&amp;E)</translation>
    </message>
    <message>
        <source>The customer accepted the quote (a prospect becomes a customer)</source>
        <translation>客戶已接受報價（潛在客戶將成為客戶）</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>客戶婉拒(&amp;J)</translation>
    </message>
    <message>
        <source>The customer declined the quote</source>
        <translation>客戶已婉拒報價</translation>
    </message>
    <message>
        <source>Con&amp;vert to order</source>
        <translation>轉成訂單(&amp;V)</translation>
    </message>
    <message>
        <source>Place the order of the accepted quote, through the credit check</source>
        <translation>依已接受的報價建立訂單（經信用檢查）</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>預覽列印(&amp;V)…</translation>
    </message>
    <message>
        <source>See the quote as printed (Ctrl+P)</source>
        <translation>查看報價單的列印樣式（Ctrl+P）</translation>
    </message>
    <message>
        <source>Pr&amp;int…</source>
        <translation>列印(&amp;I)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>{n} quotes</source>
        <translation>{n} 張報價單</translation>
    </message>
    <message>
        <source>New quote</source>
        <translation>新的報價單</translation>
    </message>
    <message>
        <source>Find the customer first, or tick Prospect.</source>
        <translation>請先找到客戶，或勾選「潛在客戶」。</translation>
    </message>
    <message>
        <source>Saved {number} — {total}</source>
        <translation>已儲存 {number} — {total}</translation>
    </message>
    <message>
        <source>This quote was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>這張報價單已在別處被修改。要重新載入較新的版本嗎？（選「否」則保留您輸入的內容。）</translation>
    </message>
    <message>
        <source>{number} for {party}</source>
        <translation>{number}：{party}</translation>
    </message>
    <message>
        <source>{state} · order {order}</source>
        <translation>{state} · 訂單 {order}</translation>
    </message>
    <message>
        <source>Save the changes first (Ctrl+S).</source>
        <translation>請先儲存變更（Ctrl+S）。</translation>
    </message>
    <message>
        <source>{number} is {state}.</source>
        <translation>{number} 目前為「{state}」。</translation>
    </message>
    <message>
        <source>{name} is now customer {code}.</source>
        <translation>{name} 已成為客戶 {code}。</translation>
    </message>
    <message>
        <source>{number} is now order {order} — {total}, for delivery on {day}.</source>
        <translation>{number} 已轉成訂單 {order} — {total}，配送日 {day}。</translation>
    </message>
    <message>
        <source>Quote {number}</source>
        <translation>報價單 {number}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Inspection result</source>
        <translation>檢查結果</translation>
    </message>
    <message>
        <source>{customer} · visit {number} on {day}</source>
        <translation>{customer} · 訪視 {number}（{day}）</translation>
    </message>
    <message>
        <source>Items (checked: OK):</source>
        <translation>檢查項目（打勾：正常）：</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>結果(&amp;R)：</translation>
    </message>
    <message>
        <source>R&amp;emarks:</source>
        <translation>備註(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Inspector: *</source>
        <translation>檢查人員(&amp;I)：*</translation>
    </message>
    <message>
        <source>&amp;Next inspection:</source>
        <translation>下次檢查日(&amp;N)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Refund at the door</source>
        <translation>到府退款</translation>
    </message>
    <message>
        <source>{customer} has {credit} in credit.</source>
        <translation>{customer} 有溢付款 {credit}。</translation>
    </message>
    <message>
        <source>&amp;Amount: *</source>
        <translation>金額(&amp;A)：*</translation>
    </message>
    <message>
        <source>Paid &amp;by:</source>
        <translation>退款方式(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
</context>
<context>
    <name>RefusalsPanel</name>
    <message>
        <source>These standing-order deliveries were not made into orders. Call the customer, then place the order (a manager may approve going over the limit) or dismiss the date. A date that has passed is placed for the next working day.</source>
        <translation>這些固定訂單的配送未能產生訂單。請聯絡客戶，然後下單（經理可核准超出額度）或略過該日期。已過的日期會改在下一個工作日配送。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送日</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Place order</source>
        <translation>下單(&amp;P)</translation>
    </message>
    <message>
        <source>Make the order now, through the credit check (Enter on the row)</source>
        <translation>現在經過信用檢查下單（在該列按 Enter）</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>略過(&amp;D)</translation>
    </message>
    <message>
        <source>No order for this date; the row leaves the list</source>
        <translation>這個日期不下單；該列從清單移除</translation>
    </message>
    <message>
        <source>No refused orders.</source>
        <translation>沒有被拒的訂單。</translation>
    </message>
    <message>
        <source>Placed {number} for {customer} — {total}</source>
        <translation>已為 {customer} 下單 {number} — {total}</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>略過</translation>
    </message>
    <message>
        <source>No order for {customer} on {day}? The row leaves the list.</source>
        <translation>{day} 不為 {customer} 下單？該列會從清單移除。</translation>
    </message>
    <message>
        <source>Dismissed {day} for {customer}.</source>
        <translation>已略過 {customer} 的 {day}。</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen the cash-up</source>
        <translation>重新開啟繳款結算</translation>
    </message>
    <message>
        <source>Reopen the cash-up of route {plate} on {day}? Its deliveries and collections may change again until it is counted again; the settlement stays in the history, its variance reversed in the driver&apos;s account; the money counted stays in the cash book and a recount books only the difference.</source>
        <translation>重新開啟路線 {plate} 在 {day} 的繳款結算？在重新點收前，它的送貨與收款可以再更改；原結算保留在紀錄中，差額從司機帳沖回；已點收的款項留在現金簿，重新點收只記差額。</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新開啟</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Move to another date — {number}</source>
        <translation>改期 — {number}</translation>
    </message>
    <message>
        <source>Deliver {number} for {customer} on another date. A failed order on account takes its credit again.</source>
        <translation>將 {customer} 的 {number} 改到其他日期配送。未送達的月結訂單會重新佔用信用額度。</translation>
    </message>
    <message>
        <source>&amp;New delivery date:</source>
        <translation>新的配送日期(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>改期(&amp;M)</translation>
    </message>
</context>
<context>
    <name>RetestedDialog</name>
    <message>
        <source>Cylinder {serial} re-tested</source>
        <translation>鋼瓶 {serial} 已定期檢驗</translation>
    </message>
    <message>
        <source>&amp;Tested on: *</source>
        <translation>檢驗日期(&amp;T)：*</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>{serial} passed its periodic re-test; it was due on {due}.</source>
        <translation>{serial} 已通過定期檢驗；檢驗期限原為 {due}。</translation>
    </message>
    <message>
        <source>A date as YYYY-MM-DD, e.g. 2026-10-01.</source>
        <translation>請以 YYYY-MM-DD 輸入日期，例如 2026-10-01。</translation>
    </message>
</context>
<context>
    <name>RouteColumn</name>
    <message>
        <source>Who drives this route</source>
        <translation>這條路線的司機</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>規劃中</translation>
    </message>
    <message>
        <source>{stops} stops · {km} · {time}</source>
        <translation>{stops} 站 · {km} · {time}</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空車</translation>
    </message>
    <message>
        <source>(no route yet)</source>
        <translation>（尚無路線）</translation>
    </message>
    <message>
        <source>No route on this day</source>
        <translation>這天沒有路線</translation>
    </message>
    <message>
        <source>(no driver)</source>
        <translation>（無司機）</translation>
    </message>
</context>
<context>
    <name>RoutesPicture</name>
    <message>
        <source>Depot</source>
        <translation>倉庫</translation>
    </message>
</context>
<context>
    <name>SerialsBox</name>
    <message>
        <source>Scan a serial (or type it, then Enter)</source>
        <translation>掃描鋼瓶號碼（或輸入後按 Enter）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>{serial} is in the list already.</source>
        <translation>{serial} 已在清單中。</translation>
    </message>
    <message>
        <source>Serials: {count}</source>
        <translation>鋼瓶號碼：{count} 個</translation>
    </message>
    <message>
        <source>No serials</source>
        <translation>沒有鋼瓶號碼</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>未登錄</translation>
    </message>
    <message>
        <source>{sku}, scrapped</source>
        <translation>{sku}，已報廢</translation>
    </message>
    <message>
        <source>{sku}, re-test overdue since {due}</source>
        <translation>{sku}，定期檢驗自 {due} 起逾期</translation>
    </message>
</context>
<context>
    <name>SerialsDialog</name>
    <message>
        <source>Serials — {number}</source>
        <translation>鋼瓶號碼 — {number}</translation>
    </message>
    <message>
        <source>The cylinders handed over to {customer} and collected there.</source>
        <translation>交給 {customer} 及從該處收回的鋼瓶。</translation>
    </message>
    <message>
        <source>Serials &amp;out:</source>
        <translation>送出鋼瓶號碼(&amp;O)：</translation>
    </message>
    <message>
        <source>Serials i&amp;n:</source>
        <translation>收回鋼瓶號碼(&amp;N)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>The order rules are saved.</source>
        <translation>訂單規則已儲存。</translation>
    </message>
    <message>
        <source>The billing settings are saved.</source>
        <translation>帳單設定已儲存。</translation>
    </message>
    <message>
        <source>The dispatch settings are saved.</source>
        <translation>派車設定已儲存。</translation>
    </message>
    <message>
        <source>Choose the Turnkey upload folder</source>
        <translation>選擇 Turnkey 上傳資料夾</translation>
    </message>
    <message>
        <source>The uniform invoice settings are saved.</source>
        <translation>統一發票設定已儲存。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名稱(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Tax ID:</source>
        <translation>統一編號(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>電話(&amp;H)：</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>幣別(&amp;U)：</translation>
    </message>
    <message>
        <source>Business ta&amp;x rate:</source>
        <translation>營業稅率(&amp;X)：</translation>
    </message>
    <message>
        <source>Ban&amp;k:</source>
        <translation>銀行(&amp;K)：</translation>
    </message>
    <message>
        <source>Bran&amp;ch:</source>
        <translation>分行(&amp;C)：</translation>
    </message>
    <message>
        <source>Account num&amp;ber:</source>
        <translation>帳號(&amp;B)：</translation>
    </message>
    <message>
        <source>Acc&amp;ount name:</source>
        <translation>戶名(&amp;O)：</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>標誌：</translation>
    </message>
    <message>
        <source>blank: invoices name no bank account</source>
        <translation>空白：請款單上不列匯款帳戶</translation>
    </message>
    <message>
        <source>e.g. 012-34-567890</source>
        <translation>例如 012-34-567890</translation>
    </message>
    <message>
        <source>blank: the company&apos;s name</source>
        <translation>空白：使用公司名稱</translation>
    </message>
    <message>
        <source>Order rules</source>
        <translation>訂單規則</translation>
    </message>
    <message>
        <source>Clerks may change prices by:</source>
        <translation>櫃台人員可調整價格的幅度：</translation>
    </message>
    <message>
        <source>Delivery days:</source>
        <translation>配送日：</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>週一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>週二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>週三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>週四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>週五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>週六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>週日</translation>
    </message>
    <message>
        <source>Save order rules</source>
        <translation>儲存訂單規則</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>帳單</translation>
    </message>
    <message>
        <source>&amp;Round the tax:</source>
        <translation>稅額進位(&amp;R)：</translation>
    </message>
    <message>
        <source>C&amp;ylinder rental:</source>
        <translation>鋼瓶租金(&amp;Y)：</translation>
    </message>
    <message>
        <source>Refuse orders when overdue &amp;by:</source>
        <translation>逾期超過幾天拒收訂單(&amp;B)：</translation>
    </message>
    <message>
        <source>on each line</source>
        <translation>每一筆明細</translation>
    </message>
    <message>
        <source>on the invoice&apos;s total</source>
        <translation>請款單合計</translation>
    </message>
    <message>
        <source>{currency} per cylinder held, a month</source>
        <translation>{currency}／每支持有鋼瓶／每月</translation>
    </message>
    <message>
        <source>days (0: never)</source>
        <translation>天（0：不限制）</translation>
    </message>
    <message>
        <source>Billed each month for every cylinder a customer holds; 0: no rental.</source>
        <translation>每月依客戶持有的每支鋼瓶收取；0：不收租金。</translation>
    </message>
    <message>
        <source>New orders on account are refused while the customer has an invoice overdue by more than this many days.</source>
        <translation>客戶有請款單逾期超過這個天數時，拒收新的月結訂單。</translation>
    </message>
    <message>
        <source>The next billing run uses these settings.</source>
        <translation>下一次結帳會使用這些設定。</translation>
    </message>
    <message>
        <source>Only a manager can change the billing settings.</source>
        <translation>只有經理可以變更帳單設定。</translation>
    </message>
    <message>
        <source>Save billing settings</source>
        <translation>儲存帳單設定</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派車</translation>
    </message>
    <message>
        <source>Depot &amp;latitude:</source>
        <translation>倉庫緯度(&amp;L)：</translation>
    </message>
    <message>
        <source>Depot l&amp;ongitude:</source>
        <translation>倉庫經度(&amp;O)：</translation>
    </message>
    <message>
        <source>Working day &amp;starts:</source>
        <translation>每日出車時間(&amp;S)：</translation>
    </message>
    <message>
        <source>Working day &amp;ends:</source>
        <translation>每日收班時間(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Routing service:</source>
        <translation>路徑服務(&amp;R)：</translation>
    </message>
    <message>
        <source>Roa&amp;d factor:</source>
        <translation>道路係數(&amp;D)：</translation>
    </message>
    <message>
        <source>A&amp;verage speed:</source>
        <translation>平均車速(&amp;V)：</translation>
    </message>
    <message>
        <source>km/h</source>
        <translation>公里/小時</translation>
    </message>
    <message>
        <source>e.g. 24.1477</source>
        <translation>例如 24.1477</translation>
    </message>
    <message>
        <source>e.g. 120.6736</source>
        <translation>例如 120.6736</translation>
    </message>
    <message>
        <source>blank: straight lines × the road factor</source>
        <translation>空白：直線距離 × 道路係數</translation>
    </message>
    <message>
        <source>An OSRM-compatible service for road distances and times, e.g. http://osrm.example:5000. Without one, distances are straight lines times the road factor, driven at the average speed.</source>
        <translation>提供道路距離與時間的 OSRM 相容服務，例如 http://osrm.example:5000。未設定時，距離以直線距離乘以道路係數，並以平均車速計算。</translation>
    </message>
    <message>
        <source>Routes start and end at the depot, within the working day.</source>
        <translation>路線從倉庫出發並回到倉庫，在每日工作時間內完成。</translation>
    </message>
    <message>
        <source>Only an administrator can change the dispatch settings.</source>
        <translation>只有系統管理員可以變更派車設定。</translation>
    </message>
    <message>
        <source>Save dispatch settings</source>
        <translation>儲存派車設定</translation>
    </message>
    <message>
        <source>Uniform invoices</source>
        <translation>統一發票</translation>
    </message>
    <message>
        <source>&amp;QR code key:</source>
        <translation>QR Code 金鑰(&amp;Q)：</translation>
    </message>
    <message>
        <source>Turnkey upload folder:</source>
        <translation>Turnkey 上傳資料夾：</translation>
    </message>
    <message>
        <source>Issue uniform invoices (統一發票)</source>
        <translation>開立統一發票</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation>顯示或隱藏金鑰</translation>
    </message>
    <message>
        <source>The 32 hexadecimal digits (0-9, A-F) the e-invoice platform gave the company for the QR codes of printed proofs.</source>
        <translation>電子發票整合服務平台為公司產生的 32 位十六進位數字（0-9、A-F），用於證明聯的 QR Code。</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <source>The Turnkey program&apos;s upload folder, as a full path: the messages to the Ministry of Finance&apos;s platform are written there.</source>
        <translation>Turnkey 程式的上傳資料夾（完整路徑）：上傳財政部平台的訊息寫入此處。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Turned on, cash sales and monthly invoices get uniform invoices numbered from the ranges entered for each two-month period. It needs the company&apos;s own tax ID (統一編號) and the currency TWD.</source>
        <translation>開啟後，現金銷貨與每月請款單都會開立統一發票，號碼取自各期輸入的字軌號碼。需要公司自己的統一編號，且幣別為 TWD。</translation>
    </message>
    <message>
        <source>Only an administrator can change the uniform invoice settings.</source>
        <translation>只有系統管理員可以變更統一發票設定。</translation>
    </message>
    <message>
        <source>Save uniform invoice settings</source>
        <translation>儲存統一發票設定</translation>
    </message>
    <message>
        <source>C&amp;hoose picture…</source>
        <translation>選擇圖片(&amp;H)…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>Only an administrator can change the company settings.</source>
        <translation>只有系統管理員可以變更公司設定。</translation>
    </message>
    <message>
        <source>&amp;Save company settings</source>
        <translation>儲存公司設定(&amp;S)</translation>
    </message>
    <message>
        <source>Where this workstation&apos;s data is</source>
        <translation>本工作站的資料位置</translation>
    </message>
    <message>
        <source>Embedded database on this computer (one workstation)</source>
        <translation>本機內建資料庫（單一工作站）</translation>
    </message>
    <message>
        <source>Office server (several workstations)</source>
        <translation>辦公室伺服器（多台工作站共用）</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指紋：</translation>
    </message>
    <message>
        <source>A change takes effect when Roundsman is started again.</source>
        <translation>變更會在 Roundsman 重新啟動後生效。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Fill in the office server&apos;s address, https://HOST:PORT.</source>
        <translation>請填寫辦公室伺服器的位址，格式為 https://主機:連接埠。</translation>
    </message>
    <message>
        <source>The embedded database is open.</source>
        <translation>內建資料庫已開啟。</translation>
    </message>
    <message>
        <source>The server answers; its certificate&apos;s fingerprint is
{fingerprint}</source>
        <translation>伺服器有回應；它的憑證指紋是
{fingerprint}</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>信任這台伺服器？</translation>
    </message>
    <message>
        <source>The server {url} shows this certificate fingerprint:

{fingerprint}

Compare it with the fingerprint the server printed when it started. Trust the server only if they are the same.</source>
        <translation>伺服器 {url} 出示的憑證指紋是：

{fingerprint}

請與伺服器啟動時印出的指紋比對。完全相同時才信任這台伺服器。</translation>
    </message>
    <message>
        <source>Saved. Start Roundsman again to use it.</source>
        <translation>已儲存。請重新啟動 Roundsman 以使用新的設定。</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>檔案：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>伺服器：</translation>
    </message>
    <message>
        <source>Only an administrator can change the database connection.</source>
        <translation>只有系統管理員可以變更資料庫連線。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>備份</translation>
    </message>
    <message>
        <source>Backup &amp;folder:</source>
        <translation>備份資料夾(&amp;F)：</translation>
    </message>
    <message>
        <source>Back up da&amp;ily at:</source>
        <translation>每日備份時間(&amp;I)：</translation>
    </message>
    <message>
        <source>Daily backups kept:</source>
        <translation>保留每日備份數：</translation>
    </message>
    <message>
        <source>Weekly backups kept:</source>
        <translation>保留每週備份數：</translation>
    </message>
    <message>
        <source>Monthly backups kept:</source>
        <translation>保留每月備份數：</translation>
    </message>
    <message>
        <source>another disk or a network share</source>
        <translation>另一顆磁碟或網路共用資料夾</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>選擇資料夾…</translation>
    </message>
    <message>
        <source>The newest backup of each of the last this many days, weeks and months is kept; older backups in the folder are deleted.</source>
        <translation>最近這些天、週、月中，每一天、每一週、每一個月各保留最新的一份備份；資料夾中其他較舊的備份會被刪除。</translation>
    </message>
    <message>
        <source>This workstation uses a central PostgreSQL database: it is backed up on the server with “roundsman-admin backup”.</source>
        <translation>本工作站使用中央 PostgreSQL 資料庫：請在伺服器上以「roundsman-admin backup」備份。</translation>
    </message>
    <message>
        <source>Roundsman makes a verified backup at this time each day while it runs, and another when it closes.</source>
        <translation>Roundsman 執行期間每天在此時間製作一份經過驗證的備份，關閉時再製作一份。</translation>
    </message>
    <message>
        <source>Only an administrator can change the backup settings.</source>
        <translation>只有系統管理員可以變更備份設定。</translation>
    </message>
    <message>
        <source>Save backup settings</source>
        <translation>儲存備份設定</translation>
    </message>
    <message>
        <source>Back u&amp;p now</source>
        <translation>立即備份(&amp;P)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>語言(&amp;L)：</translation>
    </message>
    <message>
        <source>The language of this workstation changes at once.</source>
        <translation>本工作站的語言會立即切換。</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>無標誌</translation>
    </message>
    <message>
        <source>The company settings are saved.</source>
        <translation>公司設定已儲存。</translation>
    </message>
    <message>
        <source>The company settings were changed elsewhere. Load them again?</source>
        <translation>公司設定已在其他地方被修改。要重新載入嗎？</translation>
    </message>
    <message>
        <source>Choose the company logo</source>
        <translation>選擇公司標誌</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>圖片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>尚無備份。</translation>
    </message>
    <message>
        <source>Last backup: {backup}</source>
        <translation>最近一次備份：{backup}</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>選擇備份資料夾</translation>
    </message>
    <message>
        <source>The backup settings are saved.</source>
        <translation>備份設定已儲存。</translation>
    </message>
    <message>
        <source>Choose a backup folder and save the backup settings first.</source>
        <translation>請先選擇備份資料夾並儲存備份設定。</translation>
    </message>
    <message>
        <source>Backed up and verified: {file}</source>
        <translation>已備份並通過驗證：{file}</translation>
    </message>
</context>
<context>
    <name>SkipDialog</name>
    <message>
        <source>Skip a date</source>
        <translation>跳過一天</translation>
    </message>
    <message>
        <source>Next deliveries: {days}</source>
        <translation>接下來的配送：{days}</translation>
    </message>
    <message>
        <source>&amp;Date to skip:</source>
        <translation>要跳過的日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳過</translation>
    </message>
    <message>
        <source>Deliver again</source>
        <translation>恢復配送</translation>
    </message>
    <message>
        <source>S&amp;kipped:</source>
        <translation>已跳過(&amp;K)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StandingDialog</name>
    <message>
        <source>{code} {name} — {schedule}</source>
        <translation>{code} {name} — {schedule}</translation>
    </message>
</context>
<context>
    <name>StandingEditor</name>
    <message>
        <source>The price list&apos;s (or the customer&apos;s own) price on each delivery date; type a price to fix it</source>
        <translation>依每個配送日期的價目表（或客戶專屬價格）計價；輸入價格即固定此價格</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>客戶(&amp;C)：</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Enter: next cell · Ins: new line · Ctrl+Del: delete line · a typed price is fixed, a grey one follows the price list</source>
        <translation>Enter：下一格 · Ins：新增一行 · Ctrl+Del：刪除一行 · 輸入的價格固定不變，灰色的價格依價目表</translation>
    </message>
    <message>
        <source>&amp;Lines:</source>
        <translation>訂單明細(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>重複(&amp;R)：</translation>
    </message>
    <message>
        <source>every so many days</source>
        <translation>每隔幾天</translation>
    </message>
    <message>
        <source>on weekdays</source>
        <translation>每週固定星期</translation>
    </message>
    <message>
        <source>on days of the month</source>
        <translation>每月固定日期</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>every </source>
        <translation>每 </translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>間隔(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Days:</source>
        <translation>星期(&amp;D)：</translation>
    </message>
    <message>
        <source>D&amp;ays:</source>
        <translation>日期(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>開始(&amp;S)：</translation>
    </message>
    <message>
        <source>on</source>
        <translation>於</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>結束(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>時段(&amp;T)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>備註(&amp;O)：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Save the standing order (Enter in a field, Ctrl+S)</source>
        <translation>儲存固定訂單（在欄位中按 Enter，或 Ctrl+S）</translation>
    </message>
    <message>
        <source>One delivery at the prices of {day}: {total} (tax included)</source>
        <translation>以 {day} 的價格，每次配送：{total}（含稅）</translation>
    </message>
    <message>
        <source>New standing order</source>
        <translation>新增固定訂單</translation>
    </message>
    <message>
        <source>{code} {name} — {schedule}</source>
        <translation>{code} {name} — {schedule}</translation>
    </message>
    <message>
        <source>Next deliveries: {days}</source>
        <translation>接下來的配送：{days}</translation>
    </message>
    <message>
        <source>No coming delivery.</source>
        <translation>沒有即將到來的配送。</translation>
    </message>
    <message>
        <source>Skipped: {days}</source>
        <translation>已跳過：{days}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>狀態：{state}</translation>
    </message>
    <message>
        <source>Find the customer first: type a phone number, name or code, then Enter.</source>
        <translation>請先找到客戶：輸入電話、姓名或編號，再按 Enter。</translation>
    </message>
    <message>
        <source>Saved the standing order of {name}.</source>
        <translation>已儲存 {name} 的固定訂單。</translation>
    </message>
    <message>
        <source>This standing order was changed elsewhere. Reload the newer version? (Your input stays in the form if you say No.)</source>
        <translation>這筆固定訂單已在其他地方修改。要重新載入較新的版本嗎？（選「否」則保留您輸入的內容。）</translation>
    </message>
</context>
<context>
    <name>StandingOrdersWindow</name>
    <message>
        <source>Standing orders</source>
        <translation>固定訂單</translation>
    </message>
    <message>
        <source>&amp;Standing orders</source>
        <translation>固定訂單(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Calendar</source>
        <translation>行事曆(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New standing order</source>
        <translation>新增固定訂單(&amp;N)</translation>
    </message>
    <message>
        <source>An empty form for a new standing order (Ctrl+N)</source>
        <translation>空白表單，新增一筆固定訂單（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Generate orders…</source>
        <translation>產生訂單(&amp;G)…</translation>
    </message>
    <message>
        <source>Make the orders of the standing orders due on a range of dates</source>
        <translation>為一段日期內應配送的固定訂單產生訂單</translation>
    </message>
    <message>
        <source>Customer code or name</source>
        <translation>客戶編號或名稱</translation>
    </message>
    <message>
        <source>Searc&amp;h:</source>
        <translation>搜尋(&amp;H)：</translation>
    </message>
    <message>
        <source>Show en&amp;ded</source>
        <translation>顯示已終止(&amp;D)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>排程</translation>
    </message>
    <message>
        <source>Next delivery</source>
        <translation>下次配送</translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation>上次送達</translation>
    </message>
    <message>
        <source>State</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>&amp;Pause…</source>
        <translation>暫停(&amp;P)…</translation>
    </message>
    <message>
        <source>No deliveries from a date, until a date or until resumed</source>
        <translation>自某日起不配送，直到某日或恢復為止</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>恢復(&amp;U)</translation>
    </message>
    <message>
        <source>Deliver again as scheduled</source>
        <translation>依排程恢復配送</translation>
    </message>
    <message>
        <source>S&amp;kip a date…</source>
        <translation>跳過一天(&amp;K)…</translation>
    </message>
    <message>
        <source>Leave out one delivery (or deliver on a skipped date again)</source>
        <translation>跳過一次配送（或恢復已跳過的日期）</translation>
    </message>
    <message>
        <source>&amp;End…</source>
        <translation>終止(&amp;E)…</translation>
    </message>
    <message>
        <source>No more deliveries; the standing order is kept (Show ended)</source>
        <translation>不再配送；固定訂單會保留（顯示已終止）</translation>
    </message>
    <message>
        <source>{n} standing orders</source>
        <translation>{n} 筆固定訂單</translation>
    </message>
    <message>
        <source>Paused the standing order of {name}.</source>
        <translation>已暫停 {name} 的固定訂單。</translation>
    </message>
    <message>
        <source>Next deliveries of {name}: {days}</source>
        <translation>{name} 接下來的配送：{days}</translation>
    </message>
    <message>
        <source>Resumed the standing order of {name}.</source>
        <translation>已恢復 {name} 的固定訂單。</translation>
    </message>
    <message>
        <source>End standing order</source>
        <translation>終止固定訂單</translation>
    </message>
    <message>
        <source>End the standing order of {name} ({schedule})? No more orders are made from it; orders already made stay. It is kept, under Show ended.</source>
        <translation>要終止 {name} 的固定訂單（{schedule}）嗎？之後不再產生訂單；已產生的訂單保留。這筆固定訂單會保留，可在「顯示已終止」中看到。</translation>
    </message>
    <message>
        <source>Ended the standing order of {name}.</source>
        <translation>已終止 {name} 的固定訂單。</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>已在其他地方修改</translation>
    </message>
    <message>
        <source>This standing order was changed elsewhere. Reload the newer version?</source>
        <translation>這筆固定訂單已在其他地方修改。要重新載入較新的版本嗎？</translation>
    </message>
    <message>
        <source>&amp;Refused orders ({n})</source>
        <translation>被拒訂單(&amp;R)（{n}）</translation>
    </message>
    <message>
        <source>&amp;Refused orders</source>
        <translation>被拒訂單(&amp;R)</translation>
    </message>
</context>
<context>
    <name>StandingWords</name>
    <message>
        <source>Mon</source>
        <translation>週一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>週二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>週三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>週四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>週五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>週六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>週日</translation>
    </message>
    <message>
        <source>{n}th</source>
        <translation>{n} 日</translation>
    </message>
    <message>
        <source>{n}st</source>
        <translation>{n} 日</translation>
    </message>
    <message>
        <source>{n}nd</source>
        <translation>{n} 日</translation>
    </message>
    <message>
        <source>{n}rd</source>
        <translation>{n} 日</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first}和 {last}</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>every {n} days</source>
        <translation>每 {n} 天</translation>
    </message>
    <message>
        <source>{days} of the month</source>
        <translation>每月 {days}</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已終止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已結束</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>暫停中</translation>
    </message>
    <message>
        <source>active</source>
        <translation>進行中</translation>
    </message>
    <message>
        <source>finished {day}</source>
        <translation>已於 {day} 結束</translation>
    </message>
    <message>
        <source>paused from {start}</source>
        <translation>自 {start} 起暫停</translation>
    </message>
    <message>
        <source>paused {start} – {end}</source>
        <translation>暫停 {start} – {end}</translation>
    </message>
</context>
<context>
    <name>StockWindow</name>
    <message>
        <source>{sku} {full} full, {empty} empty</source>
        <translation>{sku} 實瓶 {full}，空瓶 {empty}</translation>
    </message>
    <message>
        <source>Cylinder stock</source>
        <translation>鋼瓶庫存</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>規格</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>實瓶</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>空瓶</translation>
    </message>
    <message>
        <source>&amp;Stock at the end of the day:</source>
        <translation>當日結束時的庫存(&amp;S)：</translation>
    </message>
    <message>
        <source>{full:+d} full, {empty:+d} empty</source>
        <translation>實瓶 {full:+d}，空瓶 {empty:+d}</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>貨車</translation>
    </message>
    <message>
        <source>To load</source>
        <translation>應裝車</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>已裝車</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>送達</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已收回</translation>
    </message>
    <message>
        <source>Back full</source>
        <translation>實瓶回庫</translation>
    </message>
    <message>
        <source>Back empty</source>
        <translation>空瓶回庫</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差異</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Trucks (returned / expected back):</source>
        <translation>貨車（已回庫／應回）(&amp;T)：</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>登錄時間</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>單號</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>單據</translation>
    </message>
    <message>
        <source>Cylinders</source>
        <translation>鋼瓶</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>更正單號</translation>
    </message>
    <message>
        <source>By</source>
        <translation>經手人</translation>
    </message>
    <message>
        <source>&amp;Documents of the day:</source>
        <translation>當日單據(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Load…</source>
        <translation>裝車(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Return…</source>
        <translation>回庫(&amp;R)…</translation>
    </message>
    <message>
        <source>Empties to &amp;plant…</source>
        <translation>空瓶送分裝場(&amp;P)…</translation>
    </message>
    <message>
        <source>P&amp;urchase…</source>
        <translation>進貨(&amp;U)…</translation>
    </message>
    <message>
        <source>To &amp;station…</source>
        <translation>送檢驗場(&amp;S)…</translation>
    </message>
    <message>
        <source>From stat&amp;ion…</source>
        <translation>檢驗場取回(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>調撥(&amp;T)…</translation>
    </message>
    <message>
        <source>Scr&amp;ap…</source>
        <translation>報廢(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Opening…</source>
        <translation>期初盤點(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Correction…</source>
        <translation>更正(&amp;C)…</translation>
    </message>
    <message>
        <source>D&amp;epots…</source>
        <translation>倉庫(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Margin…</source>
        <translation>毛利(&amp;M)…</translation>
    </message>
    <message>
        <source>Managers: reverse the selected document, with the reason</source>
        <translation>經理：沖銷所選的單據，並填寫原因</translation>
    </message>
    <message>
        <source>Alt+←/→: the day before/after · F5: reload</source>
        <translation>Alt+←/→：前一天／後一天 · F5：重新載入</translation>
    </message>
    <message>
        <source>In stock {full} full, {empty} empty · at customers {out}</source>
        <translation>庫存：實瓶 {full}、空瓶 {empty} · 客戶持有 {out}</translation>
    </message>
    <message>
        <source>{n} truck(s) came back with a difference</source>
        <translation>{n} 輛貨車回庫有差異</translation>
    </message>
    <message>
        <source>Select the document to correct.</source>
        <translation>請選擇要更正的單據。</translation>
    </message>
    <message>
        <source>No route on {day}.</source>
        <translation>{day} 沒有路線。</translation>
    </message>
    <message>
        <source>{document} saved (no. {id}).</source>
        <translation>{document}已儲存（單號 {id}）。</translation>
    </message>
</context>
<context>
    <name>StopList</name>
    <message>
        <source>Drop orders here</source>
        <translation>把訂單拖到這裡</translation>
    </message>
</context>
<context>
    <name>UnplannedList</name>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>產品</translation>
    </message>
    <message>
        <source>Cyl.</source>
        <translation>桶數</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>收貨時間</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Not placed because</source>
        <translation>未排入原因</translation>
    </message>
    <message>
        <source>Every order of the day is on a route.</source>
        <translation>當天的訂單都已排入路線。</translation>
    </message>
</context>
<context>
    <name>UsersWindow</name>
    <message>
        <source>User name</source>
        <translation>帳號</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>啟用</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>鎖定至</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>使用者</translation>
    </message>
    <message>
        <source>&amp;New user</source>
        <translation>新增使用者(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>帳號(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>姓名(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>再次輸入密碼(&amp;E)：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>狀態：</translation>
    </message>
    <message>
        <source>&amp;Active (may log in)</source>
        <translation>啟用(&amp;A)（可登入）</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>重設密碼(&amp;R)…</translation>
    </message>
    <message>
        <source>The newer version is loaded; what you typed is kept. Save again to apply it.</source>
        <translation>已載入較新的版本，並保留您輸入的內容。請再次儲存以套用。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>儲存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Create user</source>
        <translation>建立使用者(&amp;C)</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新使用者</translation>
    </message>
    <message>
        <source>User {user}</source>
        <translation>使用者 {user}</translation>
    </message>
    <message>
        <source>Locked until {time} after {n} failed log-ins. Reset the password to unlock the account.</source>
        <translation>登入失敗 {n} 次，帳號鎖定至 {time}。重設密碼即可解除鎖定。</translation>
    </message>
    <message>
        <source>User {user} created.</source>
        <translation>已建立使用者 {user}。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已儲存。</translation>
    </message>
    <message>
        <source>Someone changed this user while you were editing. Load the newer version? What you typed is kept.</source>
        <translation>在您編輯期間，有其他人修改了此使用者。要載入較新的版本嗎？您輸入的內容會保留。</translation>
    </message>
    <message>
        <source>The password of {user} was reset.</source>
        <translation>{user} 的密碼已重設。</translation>
    </message>
</context>
<context>
    <name>VoidAllowanceDialog</name>
    <message>
        <source>Void allowance {number}</source>
        <translation>作廢折讓證明單 {number}</translation>
    </message>
    <message>
        <source>Allowance {number} ({amount}, uniform invoice {invoice}) has been reported: the platform is told it is void.</source>
        <translation>折讓證明單 {number}（{amount}，統一發票 {invoice}）已上傳：將通知平台作廢。</translation>
    </message>
    <message>
        <source>Allowance {number} ({amount}, uniform invoice {invoice}) has not been reported; it is voided here only.</source>
        <translation>折讓證明單 {number}（{amount}，統一發票 {invoice}）尚未上傳，只在本系統作廢。</translation>
    </message>
    <message>
        <source>The customer&apos;s credit note stays as it is.</source>
        <translation>客戶的折讓單維持不變。</translation>
    </message>
    <message>
        <source>&amp;Reason: *</source>
        <translation>原因(&amp;R)：*</translation>
    </message>
    <message>
        <source>Void allowance</source>
        <translation>作廢折讓證明單</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>A workstation no longer connects to PostgreSQL: run roundsman-server on the server machine and connect this workstation to it (start Roundsman with --server https://HOST:PORT).</source>
        <translation>工作站不再直接連線 PostgreSQL：請在伺服器主機上執行 roundsman-server，並將本工作站連線到它（以 --server https://主機:連接埠 啟動 Roundsman）。</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>無法開啟資料庫</translation>
    </message>
    <message>
        <source>Roundsman could not open the database {database}. Check the connection in the settings file, or start with --db.</source>
        <translation>Roundsman 無法開啟資料庫 {database}。請檢查設定檔中的連線設定，或以 --db 參數啟動。</translation>
    </message>
    <message>
        <source>--demo fills this workstation&apos;s own database; the office server&apos;s is filled with roundsman-server --demo.</source>
        <translation>--demo 只會填入本工作站自己的資料庫；辦公室伺服器的資料庫請以 roundsman-server --demo 填入。</translation>
    </message>
    <message>
        <source>A workstation no longer opens the office&apos;s PostgreSQL database: the office server does, and this workstation connects to it. Enter the server&apos;s address; the administrator has it, with its certificate&apos;s fingerprint.</source>
        <translation>工作站不再直接開啟辦公室的 PostgreSQL 資料庫：改由辦公室伺服器開啟，本工作站連線到伺服器。請輸入伺服器的位址；系統管理員有這個位址與它的憑證指紋。</translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <source>The backup failed: {error}</source>
        <translation>備份失敗：{error}</translation>
    </message>
    <message>
        <source>No backup has succeeded since {date} — ask the administrator to check the backup folder in Settings.</source>
        <translation>自 {date} 起沒有任何備份成功——請系統管理員檢查「設定」中的備份資料夾。</translation>
    </message>
    <message>
        <source>No backup has been made yet — the administrator chooses a backup folder in Settings.</source>
        <translation>尚未製作任何備份——請系統管理員在「設定」中選擇備份資料夾。</translation>
    </message>
    <message>
        <source>Making a backup of today&apos;s work before Roundsman closes…</source>
        <translation>Roundsman 關閉前，正在備份今天的資料…</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>備份失敗</translation>
    </message>
    <message>
        <source>The backup of today&apos;s work failed: {error}
Roundsman closes now; tell the administrator.</source>
        <translation>今天資料的備份失敗：{error}
Roundsman 現在將關閉；請通知系統管理員。</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>The company, its users and products</source>
        <translation>公司、使用者與產品</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Orders, routes, deliveries, invoices and payments, day by day</source>
        <translation>逐日產生訂單、路線、配送、請款單與收款</translation>
    </message>
    <message>
        <source>The demo needs at least one customer and a history of zero or more days.</source>
        <translation>示範資料至少需要一位客戶，且歷史天數不可為負數。</translation>
    </message>
    <message>
        <source>The database already has customers; the demo fills only an empty one.</source>
        <translation>資料庫中已有客戶資料；示範資料只能填入空的資料庫。</translation>
    </message>
    <message>
        <source>The request could not be completed.</source>
        <translation>無法完成此要求。</translation>
    </message>
    <message>
        <source>Please correct the highlighted fields.</source>
        <translation>請修正標示的欄位。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>此筆資料已不存在。</translation>
    </message>
    <message>
        <source>This record was changed elsewhere. Reload it to see the newer version; your input is kept so you can enter it again.</source>
        <translation>此筆資料已在其他地方被修改。請重新載入以查看較新的版本；您輸入的內容會保留，方便再次輸入。</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>您沒有執行此操作的權限。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>帳號或密碼錯誤。</translation>
    </message>
    <message>
        <source>Too many failed log-ins. This account is locked for {minutes} more minutes.</source>
        <translation>登入失敗次數過多。此帳號將再鎖定 {minutes} 分鐘。</translation>
    </message>
    <message>
        <source>Your session has ended (you logged out, it was unused for too long, or your account was changed). Log in again.</source>
        <translation>您的工作階段已結束（您已登出、閒置過久，或您的帳號已被變更）。請重新登入。</translation>
    </message>
    <message>
        <source>The database cannot be used by this version of Roundsman.</source>
        <translation>此版本的 Roundsman 無法使用這個資料庫。</translation>
    </message>
    <message>
        <source>The amount is too large: at most {max}.</source>
        <translation>金額太大：最多 {max}。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount.</source>
        <translation>「{value}」不是有效的金額。</translation>
    </message>
    <message>
        <source>{currency} amounts are whole numbers.</source>
        <translation>{currency} 金額必須是整數。</translation>
    </message>
    <message>
        <source>{currency} amounts have at most {decimals} decimals.</source>
        <translation>{currency} 金額最多只能有 {decimals} 位小數。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金額不可為負數。</translation>
    </message>
    <message>
        <source>The database was made by a newer version of Roundsman (schema {revision}). Install the newer version to open it.</source>
        <translation>此資料庫是由較新版本的 Roundsman 建立的（結構版本 {revision}）。請安裝較新的版本後再開啟。</translation>
    </message>
    <message>
        <source>The central database has an older schema ({revision}). Ask the administrator to run “roundsman-admin db upgrade” before starting Roundsman.</source>
        <translation>中央資料庫的結構版本較舊（{revision}）。請系統管理員先執行「roundsman-admin db upgrade」，再啟動 Roundsman。</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>櫃台人員</translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation>調度員</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>經理</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系統管理員</translation>
    </message>
    <message>
        <source>This needs the {role} role, which {user} does not have.</source>
        <translation>此操作需要「{role}」角色，但 {user} 沒有此角色。</translation>
    </message>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation>密碼至少需要 {n} 個字元。</translation>
    </message>
    <message>
        <source>“{phone}” is not a valid phone number (e.g. 0912 345 678 or 04 2345 6789).</source>
        <translation>「{phone}」不是有效的電話號碼（例如 0912 345 678 或 04 2345 6789）。</translation>
    </message>
    <message>
        <source>The customer&apos;s name is required.</source>
        <translation>必須填寫客戶名稱。</translation>
    </message>
    <message>
        <source>The name is longer than 120 characters.</source>
        <translation>名稱超過 120 個字元。</translation>
    </message>
    <message>
        <source>A code has up to 30 letters, digits, dots, dashes or underscores.</source>
        <translation>編號最多 30 個字元，只能使用英文字母、數字、句點、連字號或底線。</translation>
    </message>
    <message>
        <source>This field holds at most {n} characters.</source>
        <translation>此欄位最多只能輸入 {n} 個字元。</translation>
    </message>
    <message>
        <source>A coordinate must be a number from {lo} to {hi}.</source>
        <translation>座標必須是介於 {lo} 到 {hi} 之間的數字。</translation>
    </message>
    <message>
        <source>Payment terms are a number of days from 0 to 365.</source>
        <translation>付款條件須為 0 到 365 之間的天數。</translation>
    </message>
    <message>
        <source>The document language is zh_TW or en.</source>
        <translation>單據語言須為 zh_TW 或 en。</translation>
    </message>
    <message>
        <source>Enter a time of day as HH:MM, e.g. 08:00.</source>
        <translation>請以 HH:MM 輸入時間，例如 08:00。</translation>
    </message>
    <message>
        <source>Give both ends of the delivery hours, or neither.</source>
        <translation>收貨時段請填寫開始與結束，或都不填。</translation>
    </message>
    <message>
        <source>The delivery hours must end after they start.</source>
        <translation>收貨時段的結束時間必須晚於開始時間。</translation>
    </message>
    <message>
        <source>A stop takes 0 to 240 minutes.</source>
        <translation>每站停留時間為 0 到 240 分鐘。</translation>
    </message>
    <message>
        <source>“{value}” is not a 統一編號: 8 digits whose check digit is right.</source>
        <translation>「{value}」不是統一編號：須為 8 位數字且檢查碼正確。</translation>
    </message>
    <message>
        <source>A carrier is a mobile barcode (/ and 7 letters, digits or . + -, e.g. /ABC+123) or a citizen certificate (2 letters and 14 digits).</source>
        <translation>載具是手機條碼（/ 加 7 個英數字或 . + -，例如 /ABC+123）或自然人憑證（2 個英文字母加 14 位數字）。</translation>
    </message>
    <message>
        <source>A donation code (愛心碼) has 3 to 7 digits.</source>
        <translation>捐贈碼（愛心碼）為 3 至 7 位數字。</translation>
    </message>
    <message>
        <source>A business with a 統一編號 gets its invoice itself: clear the carrier and the donation code.</source>
        <translation>有統一編號的營業人自行收取發票：請清除載具與捐贈碼。</translation>
    </message>
    <message>
        <source>Give a carrier or a donation code, not both.</source>
        <translation>載具與捐贈碼只能擇一。</translation>
    </message>
    <message>
        <source>The code is required in an import.</source>
        <translation>匯入時必須填寫編號。</translation>
    </message>
    <message>
        <source>The code “{code}” belongs to another customer.</source>
        <translation>編號「{code}」已屬於其他客戶。</translation>
    </message>
    <message>
        <source>Only a manager may set a credit limit.</source>
        <translation>只有經理可以設定信用額度。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor Big5 text; save it as CSV UTF-8.</source>
        <translation>此檔案不是 UTF-8 或 Big5 編碼的文字檔；請另存為 CSV UTF-8。</translation>
    </message>
    <message>
        <source>Roundsman imports .xlsx and .csv files, not “{suffix}”.</source>
        <translation>Roundsman 只能匯入 .xlsx 與 .csv 檔案，無法匯入「{suffix}」。</translation>
    </message>
    <message>
        <source>Cannot read the file: {reason}</source>
        <translation>無法讀取檔案：{reason}</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>檔案是空的。</translation>
    </message>
    <message>
        <source>The column “{column}” is missing.</source>
        <translation>缺少「{column}」欄位。</translation>
    </message>
    <message>
        <source>Unknown column “{column}”. Known columns: {known}.</source>
        <translation>無法識別的欄位「{column}」。可用的欄位：{known}。</translation>
    </message>
    <message>
        <source>The file has more than {n} rows; split it.</source>
        <translation>檔案超過 {n} 列；請分割成數個檔案。</translation>
    </message>
    <message>
        <source>A formula without a saved value ({formula}); save the file in Excel first.</source>
        <translation>公式沒有儲存的計算結果（{formula}）；請先在 Excel 中存檔。</translation>
    </message>
    <message>
        <source>“{key}” appears again; it was already on line {line}.</source>
        <translation>「{key}」重複出現；第 {line} 列已有相同的資料。</translation>
    </message>
    <message>
        <source>The file has no data rows.</source>
        <translation>檔案中沒有資料列。</translation>
    </message>
    <message>
        <source>The file is not a readable .xlsx workbook (damaged, cut off or of another kind); open it in Excel and save it again.</source>
        <translation>這個檔案不是可讀取的 .xlsx 活頁簿（已損毀、不完整或是其他格式）；請用 Excel 開啟後重新存檔。</translation>
    </message>
    <message>
        <source>The file is not valid CSV: a quote in the row on line {line} is not closed where it should be (write a quote inside a value as two quotes).</source>
        <translation>這個檔案不是有效的 CSV：第 {line} 行那一列有引號沒有正確結束（值裡面的引號請寫成兩個引號）。</translation>
    </message>
    <message>
        <source>A new product needs a price.</source>
        <translation>新產品必須填寫價格。</translation>
    </message>
    <message>
        <source>The file has {n} bad rows; correct them and import again. Nothing was imported.</source>
        <translation>檔案中有 {n} 列有誤；請修正後再匯入。未匯入任何資料。</translation>
    </message>
    <message>
        <source>Line {line}: {reason}</source>
        <translation>第 {line} 列：{reason}</translation>
    </message>
    <message>
        <source>cylinder</source>
        <translation>鋼瓶</translation>
    </message>
    <message>
        <source>bottle</source>
        <translation>瓶</translation>
    </message>
    <message>
        <source>carton</source>
        <translation>箱</translation>
    </message>
    <message>
        <source>litre</source>
        <translation>公升</translation>
    </message>
    <message>
        <source>cylinders</source>
        <translation>桶</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>公斤</translation>
    </message>
    <message>
        <source>The driver&apos;s name is required.</source>
        <translation>請輸入司機姓名。</translation>
    </message>
    <message>
        <source>The plate is required.</source>
        <translation>請輸入車牌。</translation>
    </message>
    <message>
        <source>The capacity is a whole number from 1 to 100,000.</source>
        <translation>載量須為 1 到 100,000 的整數。</translation>
    </message>
    <message>
        <source>Count the capacity in cylinders or kg.</source>
        <translation>載量單位為桶或公斤。</translation>
    </message>
    <message>
        <source>Choose a driver from the list.</source>
        <translation>請從清單中選擇司機。</translation>
    </message>
    <message>
        <source>Another vehicle has the plate {plate}.</source>
        <translation>車牌 {plate} 已屬於另一輛車。</translation>
    </message>
    <message>
        <source>piece</source>
        <translation>個</translation>
    </message>
    <message>
        <source>service</source>
        <translation>次</translation>
    </message>
    <message>
        <source>A SKU has 1 to 40 letters, digits, dots, dashes or underscores.</source>
        <translation>SKU 須為 1 到 40 個英文字母、數字、句點、連字號或底線。</translation>
    </message>
    <message>
        <source>The Chinese product name is required.</source>
        <translation>必須填寫產品的中文名稱。</translation>
    </message>
    <message>
        <source>Unknown unit “{unit}”. Units are: {units}.</source>
        <translation>無法識別的單位「{unit}」。可用的單位：{units}。</translation>
    </message>
    <message>
        <source>The weight is in kg, more than 0 and at most 10,000, e.g. 20.</source>
        <translation>重量以公斤計，須大於 0 且不超過 10,000，例如 20。</translation>
    </message>
    <message>
        <source>The SKU “{sku}” belongs to another product.</source>
        <translation>SKU「{sku}」已屬於其他產品。</translation>
    </message>
    <message>
        <source>Enter a percentage from 0 to 99.99, e.g. 5.</source>
        <translation>請輸入 0 到 99.99 之間的百分比，例如 5。</translation>
    </message>
    <message>
        <source>Enter a coordinate in degrees from {low} to {high}, e.g. 24.1477.</source>
        <translation>請輸入 {low} 到 {high} 度之間的座標，例如 24.1477。</translation>
    </message>
    <message>
        <source>The working day must end after it starts.</source>
        <translation>工作日的結束時間必須晚於開始時間。</translation>
    </message>
    <message>
        <source>Enter a number from {low} to {high}.</source>
        <translation>請輸入 {low} 到 {high} 之間的數字。</translation>
    </message>
    <message>
        <source>The routing service&apos;s address starts with http:// or https://.</source>
        <translation>路線服務的網址須以 http:// 或 https:// 開頭。</translation>
    </message>
    <message>
        <source>Round the tax on each line or on the invoice&apos;s total.</source>
        <translation>稅額可按每一行或按發票總額四捨五入。</translation>
    </message>
    <message>
        <source>The rental is an amount from 0, e.g. 50.</source>
        <translation>租金為 0 以上的金額，例如 50。</translation>
    </message>
    <message>
        <source>A number of days from 0 (never) to 3650.</source>
        <translation>請輸入 0（不限制）到 3650 之間的天數。</translation>
    </message>
    <message>
        <source>Enter a percentage from 0 to {high}, e.g. 10.</source>
        <translation>請輸入 0 到 {high} 之間的百分比，例如 10。</translation>
    </message>
    <message>
        <source>Give the backup folder&apos;s full path, e.g. {example}.</source>
        <translation>請輸入備份資料夾的完整路徑，例如 {example}。</translation>
    </message>
    <message>
        <source>A whole number from {low} to {high}.</source>
        <translation>請輸入 {low} 到 {high} 的整數。</translation>
    </message>
    <message>
        <source>The QR code key is the 32 hexadecimal digits (0-9, A-F) the e-invoice platform gave the company.</source>
        <translation>QR Code 金鑰是電子發票整合服務平台給公司的 32 位十六進位數字（0-9、A-F）。</translation>
    </message>
    <message>
        <source>Give the Turnkey folder&apos;s full path, e.g. {example}.</source>
        <translation>請輸入 Turnkey 資料夾的完整路徑，例如 {example}。</translation>
    </message>
    <message>
        <source>Uniform invoices are Taiwan&apos;s: the currency must be TWD.</source>
        <translation>統一發票為台灣制度：幣別必須是 TWD。</translation>
    </message>
    <message>
        <source>Uniform invoices need the company&apos;s own 統一編號 (8 digits with a valid check digit).</source>
        <translation>開立統一發票需要公司自己的統一編號（8 位數字且檢查碼正確）。</translation>
    </message>
    <message>
        <source>Uniform invoices need the QR code key from the e-invoice platform.</source>
        <translation>開立統一發票需要電子發票整合服務平台的 QR Code 金鑰。</translation>
    </message>
    <message>
        <source>At most {count} characters.</source>
        <translation>最多 {count} 個字元。</translation>
    </message>
    <message>
        <source>An account number is up to 20 digits, with spaces or hyphens between them, e.g. 012-34-567890.</source>
        <translation>帳號最多 20 位數字，中間可用空格或連字號分隔，例如 012-34-567890。</translation>
    </message>
    <message>
        <source>Name the bank the account is with.</source>
        <translation>請填寫帳戶所在的銀行。</translation>
    </message>
    <message>
        <source>Enter the account number, or clear the bank.</source>
        <translation>請輸入帳號，或清除銀行。</translation>
    </message>
    <message>
        <source>Choose one of the supported currencies: {currencies}.</source>
        <translation>請選擇支援的幣別：{currencies}。</translation>
    </message>
    <message>
        <source>Choose at least one delivery day of the week.</source>
        <translation>請至少選擇一個配送日。</translation>
    </message>
    <message>
        <source>The company name is required.</source>
        <translation>必須填寫公司名稱。</translation>
    </message>
    <message>
        <source>The logo must be a PNG or JPEG picture.</source>
        <translation>標誌必須是 PNG 或 JPEG 圖片。</translation>
    </message>
    <message>
        <source>The logo file is larger than 1 MB; use a smaller picture.</source>
        <translation>標誌檔案超過 1 MB；請使用較小的圖片。</translation>
    </message>
    <message>
        <source>Unknown role “{role}”. Roles are: {roles}.</source>
        <translation>無法識別的角色「{role}」。可用的角色：{roles}。</translation>
    </message>
    <message>
        <source>Give the user at least one role.</source>
        <translation>請為使用者指定至少一個角色。</translation>
    </message>
    <message>
        <source>A user name has 2 to 60 letters, digits, dots, dashes or underscores.</source>
        <translation>帳號須為 2 到 60 個英文字母、數字、句點、連字號或底線。</translation>
    </message>
    <message>
        <source>The user name “{name}” is taken.</source>
        <translation>帳號「{name}」已被使用。</translation>
    </message>
    <message>
        <source>You cannot remove your own administrator role or deactivate yourself; ask another administrator.</source>
        <translation>您不能移除自己的系統管理員角色，也不能停用自己的帳號；請洽其他系統管理員。</translation>
    </message>
    <message>
        <source>Unknown order status “{status}”.</source>
        <translation>無法識別的訂單狀態「{status}」。</translation>
    </message>
    <message>
        <source>Name the search (at most 80 characters).</source>
        <translation>請為搜尋命名（最多 80 個字元）。</translation>
    </message>
    <message>
        <source>Give the reason; it is kept in the audit log.</source>
        <translation>請填寫原因；原因會記錄在稽核紀錄中。</translation>
    </message>
    <message>
        <source>“{value}” is not a date; write it as YYYY-MM-DD.</source>
        <translation>「{value}」不是有效的日期；請以 YYYY-MM-DD 格式填寫。</translation>
    </message>
    <message>
        <source>The {column} is required.</source>
        <translation>必須填寫 {column}。</translation>
    </message>
    <message>
        <source>No active customer has the code “{code}”.</source>
        <translation>找不到編號為「{code}」的啟用客戶。</translation>
    </message>
    <message>
        <source>No active product has the SKU “{sku}”.</source>
        <translation>找不到 SKU 為「{sku}」的啟用產品。</translation>
    </message>
    <message>
        <source>The delivery date {day} is in the past.</source>
        <translation>配送日期 {day} 早於今天。</translation>
    </message>
    <message>
        <source>The reference holds at most 60 characters.</source>
        <translation>參考編號最多 60 個字元。</translation>
    </message>
    <message>
        <source>Rows with the reference “{ref}” must have one delivery date, as on line {line}.</source>
        <translation>參考編號為「{ref}」的各列必須是同一個配送日期，與第 {line} 列相同。</translation>
    </message>
    <message>
        <source>{n} rows are bad; correct them and try again. Nothing was placed.</source>
        <translation>有 {n} 列有誤；請修正後再試一次。未建立任何訂單。</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>{number} is {current} and cannot become {target}.</source>
        <translation>{number} 目前為{current}，無法改為{target}。</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>已排車</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <source>partially delivered</source>
        <translation>部分送達</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>配送失敗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已開立</translation>
    </message>
    <message>
        <source>void</source>
        <translation>已作廢</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>規劃中</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>已撤銷</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>不限時段</translation>
    </message>
    <message>
        <source>morning (8–12)</source>
        <translation>上午（8–12）</translation>
    </message>
    <message>
        <source>afternoon (13–17)</source>
        <translation>下午（13–17）</translation>
    </message>
    <message>
        <source>evening (17–20)</source>
        <translation>晚上（17–20）</translation>
    </message>
    <message>
        <source>{customer} receives deliveries {start}–{end} only: choose a time slot within those hours, or any time.</source>
        <translation>{customer} 只在 {start}–{end} 收貨：請選擇這段時間內的時段，或選擇不限時段。</translation>
    </message>
    <message>
        <source>on account</source>
        <translation>月結</translation>
    </message>
    <message>
        <source>cash on delivery</source>
        <translation>貨到收現</translation>
    </message>
    <message>
        <source>An order that is {current} cannot become {target}.</source>
        <translation>訂單狀態為「{current}」，無法變更為「{target}」。</translation>
    </message>
    <message>
        <source>{customer} is blocked ({reason}). A manager must unblock the customer before orders on account are accepted.</source>
        <translation>{customer} 已凍結（{reason}）。須由經理解除凍結後，才能接受月結訂單。</translation>
    </message>
    <message>
        <source>This order would take {customer} over the credit limit.
Limit {limit}; balance {balance}; open orders {open_orders}; this order {amount}: {shortfall} over the limit.</source>
        <translation>此訂單會使 {customer} 超出信用額度。
額度 {limit}；應收餘額 {balance}；未結訂單 {open_orders}；本訂單 {amount}：超出額度 {shortfall}。</translation>
    </message>
    <message>
        <source>{customer} has invoice {invoice} {days} days past its due date ({open} open). Orders on account are refused while an invoice is more than {limit} days overdue; a credit override does not lift this. Record the payment first, or take the order for cash.</source>
        <translation>{customer} 的請款單 {invoice} 已逾期 {days} 天（未結清 {open}）。有請款單逾期超過 {limit} 天時拒收月結訂單，信用額度核准也無法解除。請先登錄收款，或改以現金收取此訂單。</translation>
    </message>
    <message>
        <source>“{value}” is not a quantity.</source>
        <translation>「{value}」不是有效的數量。</translation>
    </message>
    <message>
        <source>The quantity must be more than 0 and at most {max}.</source>
        <translation>數量必須大於 0，且不可超過 {max}。</translation>
    </message>
    <message>
        <source>This product is counted in whole units.</source>
        <translation>此產品的數量必須是整數。</translation>
    </message>
    <message>
        <source>An order needs at least one line.</source>
        <translation>訂單至少需要一筆明細。</translation>
    </message>
    <message>
        <source>Line {line}: unknown or inactive product.</source>
        <translation>第 {line} 列：產品不存在或已停用。</translation>
    </message>
    <message>
        <source>Line {line}: {sku} has no price on {day}.</source>
        <translation>第 {line} 列：{sku} 在 {day} 沒有價格。</translation>
    </message>
    <message>
        <source>Line {line}: a clerk may set a price from {low} to {high}; ask a manager for {price}.</source>
        <translation>第 {line} 列：櫃台人員可設定的價格為 {low} 到 {high}；要設為 {price} 請洽經理。</translation>
    </message>
    <message>
        <source>Line {line}: the amount {amount} is too large: at most {max}.</source>
        <translation>第 {line} 列：金額 {amount} 太大：最多 {max}。</translation>
    </message>
    <message>
        <source>The total {total} is too large: at most {max}.</source>
        <translation>合計 {total} 太大：最多 {max}。</translation>
    </message>
    <message>
        <source>Unknown time slot.</source>
        <translation>無法識別的時段。</translation>
    </message>
    <message>
        <source>Unknown payment method.</source>
        <translation>無法識別的付款方式。</translation>
    </message>
    <message>
        <source>{customer} is inactive; activate the customer before taking an order.</source>
        <translation>{customer} 已停用；請先啟用該客戶再接單。</translation>
    </message>
    <message>
        <source>Give the reason for the override.</source>
        <translation>請填寫超額核准的原因。</translation>
    </message>
    <message>
        <source>{user} is not a manager and cannot approve a credit override.</source>
        <translation>{user} 不是經理，無法進行超額核准。</translation>
    </message>
    <message>
        <source>Nobody approves their own request: another manager must approve it.</source>
        <translation>不能核准自己提出的申請：必須由另一位經理核准。</translation>
    </message>
    <message>
        <source>This customer already has an order with the reference “{ref}”.</source>
        <translation>此客戶已有參考編號為「{ref}」的訂單。</translation>
    </message>
    <message>
        <source>Order {number} is {status} and can no longer be changed.</source>
        <translation>訂單 {number} 為「{status}」，已無法修改。</translation>
    </message>
    <message>
        <source>An order&apos;s customer cannot change; cancel it and take a new one.</source>
        <translation>訂單的客戶無法變更；請取消此訂單，再重新建立一筆。</translation>
    </message>
    <message>
        <source>Give the reason for cancelling.</source>
        <translation>請填寫取消原因。</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已送出</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已婉拒</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Quote {number} is {current} and cannot become {target}.</source>
        <translation>報價單 {number} 目前為「{current}」，不能改為「{target}」。</translation>
    </message>
    <message>
        <source>Quote {number} was already converted to order {order}.</source>
        <translation>報價單 {number} 已轉成訂單 {order}。</translation>
    </message>
    <message>
        <source>{customer} is inactive; activate the customer before quoting.</source>
        <translation>{customer} 已停用；請先啟用該客戶再報價。</translation>
    </message>
    <message>
        <source>Pick a customer, or give the prospect&apos;s name.</source>
        <translation>請選擇客戶，或填寫潛在客戶的名稱。</translation>
    </message>
    <message>
        <source>The quote date {day} is in the future.</source>
        <translation>報價日期 {day} 在未來。</translation>
    </message>
    <message>
        <source>The quote must be valid until today or later (not {day}).</source>
        <translation>報價單的有效期限必須是今天或以後（不能是 {day}）。</translation>
    </message>
    <message>
        <source>A quote needs at least one line.</source>
        <translation>報價單至少需要一行明細。</translation>
    </message>
    <message>
        <source>Quote {number} is {status} and can no longer be changed.</source>
        <translation>報價單 {number} 目前為「{status}」，不能再修改。</translation>
    </message>
    <message>
        <source>Quote {number} expired on {day}; it can no longer become an order.</source>
        <translation>報價單 {number} 已於 {day} 逾期，不能再轉成訂單。</translation>
    </message>
    <message>
        <source>Quote {number} is {status}: only an accepted quote becomes an order.</source>
        <translation>報價單 {number} 目前為「{status}」：只有客戶已接受的報價單才能轉成訂單。</translation>
    </message>
    <message>
        <source>Find the customer first.</source>
        <translation>請先查詢客戶。</translation>
    </message>
    <message>
        <source>Choose a schedule.</source>
        <translation>請選擇排程。</translation>
    </message>
    <message>
        <source>Deliver every 1 to 365 days.</source>
        <translation>送貨間隔須為 1 到 365 天。</translation>
    </message>
    <message>
        <source>Choose at least one weekday.</source>
        <translation>請至少選擇一個星期幾。</translation>
    </message>
    <message>
        <source>Choose at least one day of the month (1 to 31).</source>
        <translation>請至少選擇每月的一天（1 到 31）。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>結束日期早於開始日期。</translation>
    </message>
    <message>
        <source>This standing order has ended and can no longer be changed.</source>
        <translation>此固定訂單已結束，無法再修改。</translation>
    </message>
    <message>
        <source>A standing order&apos;s customer cannot change; end it and make a new one.</source>
        <translation>固定訂單的客戶不能更改；請結束此單並另建新單。</translation>
    </message>
    <message>
        <source>The pause ends before it starts.</source>
        <translation>暫停的結束日早於開始日。</translation>
    </message>
    <message>
        <source>{day} is not a delivery date of this standing order.</source>
        <translation>{day} 不是此固定訂單的配送日期。</translation>
    </message>
    <message>
        <source>The order for {day} was generated already; cancel that order instead.</source>
        <translation>{day} 的訂單已產生；請改為取消該訂單。</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>日期範圍的結束日早於開始日。</translation>
    </message>
    <message>
        <source>Generate at most a year at a time.</source>
        <translation>一次最多產生一年的訂單。</translation>
    </message>
    <message>
        <source>Generating orders needs the clerk or dispatcher role.</source>
        <translation>產生訂單需要櫃台人員或調度員角色。</translation>
    </message>
    <message>
        <source>Orders are generated for tomorrow or later, not for {day}.</source>
        <translation>只能產生明天以後的訂單，不能產生 {day} 的訂單。</translation>
    </message>
    <message>
        <source>This refusal was dealt with already (placed or dismissed).</source>
        <translation>此筆被拒訂單已處理過（已下單或已略過）。</translation>
    </message>
    <message>
        <source>The routing service at {url} cannot be reached. Check that it is running, or clear its address in the settings to plan with straight-line distances.</source>
        <translation>無法連線到路線服務 {url}。請確認它正在執行，或在設定中清除其位址，改以直線距離規劃。</translation>
    </message>
    <message>
        <source>The routing service at {url} could not compute the distances: {detail}</source>
        <translation>路線服務 {url} 無法計算距離：{detail}</translation>
    </message>
    <message>
        <source>The routing service at {url} gave an answer Roundsman cannot read.</source>
        <translation>路線服務 {url} 的回應 Roundsman 無法讀取。</translation>
    </message>
    <message>
        <source>The stops locked on {vehicle} do not fit its capacity or working day. Unlock some of them and plan again.</source>
        <translation>鎖定在 {vehicle} 的停靠點超出其載量或工作時間。請解除部分鎖定後再規劃一次。</translation>
    </message>
    <message>
        <source>This delivery was confirmed already (on another workstation).</source>
        <translation>此筆送貨已確認過（在另一台工作站）。</translation>
    </message>
    <message>
        <source>Choose delivered, partially delivered or failed.</source>
        <translation>請選擇已送達、部分送達或未送達。</translation>
    </message>
    <message>
        <source>Order {number} was confirmed {status} already; a manager can undo that.</source>
        <translation>訂單 {number} 已確認為「{status}」；如需更改請由經理撤銷。</translation>
    </message>
    <message>
        <source>A line does not belong to order {number}.</source>
        <translation>有明細不屬於訂單 {number}。</translation>
    </message>
    <message>
        <source>Line {line}: more was delivered than ordered ({ordered}).</source>
        <translation>第 {line} 行：送達數量多於訂購數量（{ordered}）。</translation>
    </message>
    <message>
        <source>Line {line}: the empties are a whole number from 0.</source>
        <translation>第 {line} 行：回收空桶數須為 0 以上的整數。</translation>
    </message>
    <message>
        <source>Less than ordered was delivered: choose partially delivered.</source>
        <translation>送達數量少於訂購數量：請選擇「部分送達」。</translation>
    </message>
    <message>
        <source>A partial delivery delivers some, but not all, of the order.</source>
        <translation>部分送達是指送了部分、但非全部的訂貨。</translation>
    </message>
    <message>
        <source>Give the reason (e.g. nobody at home, customer refused).</source>
        <translation>請填寫原因（例如家中無人、客戶拒收）。</translation>
    </message>
    <message>
        <source>Order {number} is on account: take money at the stop as a payment (Collect payment), not as the delivery&apos;s cash.</source>
        <translation>訂單 {number} 是月結：在停靠點收的錢請登錄為收款（收款），不要當作送貨收現。</translation>
    </message>
    <message>
        <source>The sale comes to {due}: more cash than that is a payment at the stop (Collect payment).</source>
        <translation>這筆銷貨金額為 {due}：超過的現金請登錄為停靠點收款（收款）。</translation>
    </message>
    <message>
        <source>Give the reason for undoing the confirmation.</source>
        <translation>請填寫撤銷確認的原因。</translation>
    </message>
    <message>
        <source>This confirmation was undone already.</source>
        <translation>此確認已被撤銷。</translation>
    </message>
    <message>
        <source>This delivery is billed on invoice {number}; correct it with a credit note instead.</source>
        <translation>此筆送貨已開在發票 {number} 上；請改以折讓單更正。</translation>
    </message>
    <message>
        <source>the customer has no coordinates</source>
        <translation>客戶沒有座標</translation>
    </message>
    <message>
        <source>too big for every vehicle</source>
        <translation>超過所有車輛的載量</translation>
    </message>
    <message>
        <source>cannot be reached within its delivery hours</source>
        <translation>無法在收貨時段內送達</translation>
    </message>
    <message>
        <source>no vehicle has room or time left</source>
        <translation>沒有車輛還有空間或時間</translation>
    </message>
    <message>
        <source>Set the depot&apos;s coordinates in Settings before planning routes.</source>
        <translation>規劃路線前，請先在「設定」中填入倉庫座標。</translation>
    </message>
    <message>
        <source>Choose at least one vehicle that has no confirmed route that day.</source>
        <translation>請至少選擇一輛當天尚無已確認路線的車輛。</translation>
    </message>
    <message>
        <source>This route is confirmed; its stops can no longer be moved.</source>
        <translation>此路線已確認，站點不能再移動。</translation>
    </message>
    <message>
        <source>{plate} has a route that day already.</source>
        <translation>{plate} 當天已有路線。</translation>
    </message>
    <message>
        <source>The order is due on {day}, not on the route&apos;s day.</source>
        <translation>此訂單的配送日期是 {day}，不是路線的日期。</translation>
    </message>
    <message>
        <source>Only an order on a route can be locked.</source>
        <translation>只有排入路線的訂單才能鎖定。</translation>
    </message>
    <message>
        <source>There is no planned route to confirm.</source>
        <translation>沒有可確認的規劃路線。</translation>
    </message>
    <message>
        <source>Move the order to tomorrow or later.</source>
        <translation>請將訂單改到明天或之後。</translation>
    </message>
    <message>
        <source>The order is on a confirmed route; confirm its delivery as failed first.</source>
        <translation>此訂單在已確認的路線上；請先將送貨確認為未送達。</translation>
    </message>
    <message>
        <source>There is no route to print for {day}.</source>
        <translation>{day} 沒有可列印的路線。</translation>
    </message>
    <message>
        <source>Set the routing service&apos;s address in Settings to look up coordinates.</source>
        <translation>請先在「設定」中填入路線服務的網址，才能查詢座標。</translation>
    </message>
    <message>
        <source>There is no invoice to print.</source>
        <translation>沒有可列印的請款單。</translation>
    </message>
    <message>
        <source>Print on A4 or A5 (half A4), not {size}.</source>
        <translation>請以 A4 或 A5（半張 A4）列印，不能用 {size}。</translation>
    </message>
    <message>
        <source>The statement&apos;s last day ({end}) is before its first ({start}).</source>
        <translation>對帳單的最後一天（{end}）早於第一天（{start}）。</translation>
    </message>
    <message>
        <source>“{period}” is not a month; write it as YYYY-MM, e.g. 2026-11.</source>
        <translation>「{period}」不是月份；請寫成 YYYY-MM，例如 2026-11。</translation>
    </message>
    <message>
        <source>{customer} has nothing delivered that is not invoiced yet.</source>
        <translation>{customer} 沒有尚未開票的送貨。</translation>
    </message>
    <message>
        <source>in customer order</source>
        <translation>依客戶順序</translation>
    </message>
    <message>
        <source>in area order</source>
        <translation>依區域順序</translation>
    </message>
    <message>
        <source>in route order</source>
        <translation>依路線順序</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>請款單</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>開立日</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客戶編號</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客戶</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>稅額</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Paid or credited</source>
        <translation>已收或已折讓</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未結清</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>折讓單</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Voids the invoice</source>
        <translation>作廢請款單</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>核准人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Cheque number</source>
        <translation>支票號碼</translation>
    </message>
    <message>
        <source>Cheque bank</source>
        <translation>付款銀行</translation>
    </message>
    <message>
        <source>Cheque date</source>
        <translation>支票日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>參考編號</translation>
    </message>
    <message>
        <source>Allocated to</source>
        <translation>沖銷至</translation>
    </message>
    <message>
        <source>Unallocated</source>
        <translation>未沖銷</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登錄人</translation>
    </message>
    <message>
        <source>Cash sale</source>
        <translation>現金銷貨</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Cash received</source>
        <translation>現金收款</translation>
    </message>
    <message>
        <source>Deposit receipt</source>
        <translation>押瓶單</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Cylinders</source>
        <translation>鋼瓶</translation>
    </message>
    <message>
        <source>Reverses</source>
        <translation>沖銷單號</translation>
    </message>
    <message>
        <source>Cylinders on deposit</source>
        <translation>已收押金鋼瓶</translation>
    </message>
    <message>
        <source>Deposits held</source>
        <translation>押金餘額</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>bank transfer</source>
        <translation>銀行轉帳</translation>
    </message>
    <message>
        <source>cheque</source>
        <translation>支票</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>開帳零用金</translation>
    </message>
    <message>
        <source>Bank deposit</source>
        <translation>存入銀行</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Route cash-up</source>
        <translation>路線繳款</translation>
    </message>
    <message>
        <source>Driver&apos;s payment</source>
        <translation>司機款項</translation>
    </message>
    <message>
        <source>Cash-up variance</source>
        <translation>繳款差額</translation>
    </message>
    <message>
        <source>Cash-up reopened</source>
        <translation>繳款結算重開</translation>
    </message>
    <message>
        <source>Paid by the driver</source>
        <translation>司機繳回</translation>
    </message>
    <message>
        <source>Paid to the driver</source>
        <translation>付給司機</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>金額必須大於零。</translation>
    </message>
    <message>
        <source>The cash-up of route {plate} on {day} is settled: a manager reopens it in the Cash-up window before its deliveries or collections change.</source>
        <translation>路線 {plate} 在 {day} 的繳款已結算：要更改它的送貨或收款，須先由主管在「司機繳款」視窗重新開啟。</translation>
    </message>
    <message>
        <source>The cash book is closed up to {closed} (by {user}): {day} changes only by a manager&apos;s correction now.</source>
        <translation>現金簿已關帳至 {closed}（{user}）：{day} 現在只能由主管更正。</translation>
    </message>
    <message>
        <source>A cash-up with a variance needs a manager&apos;s approval.</source>
        <translation>有差額的繳款結算需要主管核准。</translation>
    </message>
    <message>
        <source>{user} is not a manager and cannot approve a cash-up variance.</source>
        <translation>{user} 不是主管，不能核准繳款差額。</translation>
    </message>
    <message>
        <source>Count the notes and coins as a whole number from 0.</source>
        <translation>鈔票與硬幣的數量須為 0 以上的整數。</translation>
    </message>
    <message>
        <source>Cheque {line}: enter its number (at most 40 characters).</source>
        <translation>第 {line} 張支票：請輸入號碼（最多 40 字）。</translation>
    </message>
    <message>
        <source>Cheque {line}: enter its bank (at most 80 characters).</source>
        <translation>第 {line} 張支票：請輸入銀行（最多 80 字）。</translation>
    </message>
    <message>
        <source>Cheque {line}: enter the date on it.</source>
        <translation>第 {line} 張支票：請輸入票面日期。</translation>
    </message>
    <message>
        <source>The count is {variance} off what the driver should hand in: give the reason.</source>
        <translation>點收與司機應繳相差 {variance}：請說明原因。</translation>
    </message>
    <message>
        <source>This route was cashed up already (on another workstation).</source>
        <translation>這條路線已經結算過了（在另一台工作站）。</translation>
    </message>
    <message>
        <source>This route is still being planned; confirm it in Dispatch first.</source>
        <translation>這條路線還在規劃中；請先在「派車」確認。</translation>
    </message>
    <message>
        <source>{count} stops of this route are not confirmed yet: confirm them in Deliveries before the cash-up.</source>
        <translation>這條路線還有 {count} 個停靠點未確認：請先在「送貨」確認，再繳款結算。</translation>
    </message>
    <message>
        <source>What the driver should hand in changed while you counted; look at it again.</source>
        <translation>您點收時司機應繳金額已變動；請重新查看。</translation>
    </message>
    <message>
        <source>The route has no driver to hold the variance: give it its driver in Dispatch first.</source>
        <translation>這條路線沒有司機可承擔差額：請先在「派車」指定司機。</translation>
    </message>
    <message>
        <source>This count is {less} less than the route&apos;s earlier cash-up, and the till does not hold that much any more (it was banked): a manager enters a correction.</source>
        <translation>這次點收比該路線先前的結算少 {less}，而錢櫃已沒有那麼多（已存入銀行）：請由主管登錄更正。</translation>
    </message>
    <message>
        <source>Give the reason for reopening the cash-up.</source>
        <translation>請說明重新開啟繳款結算的原因。</translation>
    </message>
    <message>
        <source>This cash-up was reopened already.</source>
        <translation>這筆繳款結算已經重新開啟過了。</translation>
    </message>
    <message>
        <source>Choose whether the driver pays or is paid.</source>
        <translation>請選擇是司機繳回還是付給司機。</translation>
    </message>
    <message>
        <source>The till does not hold {amount} on {day}.</source>
        <translation>{day} 錢櫃裡沒有 {amount}。</translation>
    </message>
    <message>
        <source>Choose an opening float, a bank deposit or a correction.</source>
        <translation>請選擇開帳零用金、存入銀行或更正。</translation>
    </message>
    <message>
        <source>A correction is an amount other than zero (negative: less in the till).</source>
        <translation>更正金額不可為零（負數：錢櫃減少）。</translation>
    </message>
    <message>
        <source>Give the reason for the correction.</source>
        <translation>請說明更正的原因。</translation>
    </message>
    <message>
        <source>A day is closed once it has come.</source>
        <translation>日子到了才能關帳。</translation>
    </message>
    <message>
        <source>Cash up every route up to {day} first; not settled: {routes}.</source>
        <translation>請先結算截至 {day} 的每條路線；未結算：{routes}。</translation>
    </message>
    <message>
        <source>Give the reason; it is kept with the document and in the audit log.</source>
        <translation>請填寫原因；原因會隨單據保存並記入稽核紀錄。</translation>
    </message>
    <message>
        <source>Money is taken at a stop of a confirmed route only.</source>
        <translation>只能在已確認路線的停靠點收款。</translation>
    </message>
    <message>
        <source>This customer has no stop on that route.</source>
        <translation>這位客戶在那條路線上沒有停靠點。</translation>
    </message>
    <message>
        <source>A driver takes cash or a cheque at the stop (a refund at the door is paid in cash).</source>
        <translation>司機在停靠點只收現金或支票（到府退款以現金支付）。</translation>
    </message>
    <message>
        <source>Money taken at a stop is dated the route&apos;s day, {day}.</source>
        <translation>停靠點收的款項日期為路線當天 {day}。</translation>
    </message>
    <message>
        <source>Choose cash, bank transfer or cheque.</source>
        <translation>請選擇現金、銀行轉帳或支票。</translation>
    </message>
    <message>
        <source>Enter the cheque&apos;s number.</source>
        <translation>請輸入支票號碼。</translation>
    </message>
    <message>
        <source>Enter the bank the cheque is drawn on.</source>
        <translation>請輸入支票的付款銀行。</translation>
    </message>
    <message>
        <source>Enter the date on the cheque.</source>
        <translation>請輸入支票上的日期。</translation>
    </message>
    <message>
        <source>Cheque details are only for a payment by cheque.</source>
        <translation>只有以支票付款時才填寫支票資料。</translation>
    </message>
    <message>
        <source>This is too long.</source>
        <translation>內容太長。</translation>
    </message>
    <message>
        <source>The reference is at most 120 characters.</source>
        <translation>備註參考最多 120 個字元。</translation>
    </message>
    <message>
        <source>Invoice {invoice} is not an open invoice of this customer.</source>
        <translation>請款單 {invoice} 不是此客戶未結清的請款單。</translation>
    </message>
    <message>
        <source>Invoice {invoice} has only {open} open.</source>
        <translation>請款單 {invoice} 只剩 {open} 未結清。</translation>
    </message>
    <message>
        <source>The allocations ({allocated}) are more than the payment ({amount}).</source>
        <translation>沖銷金額（{allocated}）超過收款金額（{amount}）。</translation>
    </message>
    <message>
        <source>Only {left} of this payment or credit note is left to allocate.</source>
        <translation>這筆收款或折讓單只剩 {left} 可沖銷。</translation>
    </message>
    <message>
        <source>The reason is at most 120 characters.</source>
        <translation>原因最多 120 個字元。</translation>
    </message>
    <message>
        <source>{customer} has {credit} in credit; a refund cannot be more.</source>
        <translation>{customer} 的溢付款為 {credit}；退款不能超過此金額。</translation>
    </message>
    <message>
        <source>{user} is not a manager and cannot approve a credit note.</source>
        <translation>{user} 不是經理，無法核准折讓單。</translation>
    </message>
    <message>
        <source>That invoice is not a posted invoice of {customer}.</source>
        <translation>該請款單不是 {customer} 已開立的請款單。</translation>
    </message>
    <message>
        <source>Invoice {invoice} is void already.</source>
        <translation>請款單 {invoice} 已作廢。</translation>
    </message>
    <message>
        <source>Invoice {invoice} has {paid} of payments allocated to it and cannot be voided. Give a credit note for what is disputed instead.</source>
        <translation>請款單 {invoice} 已有 {paid} 的收款沖銷，無法作廢。請改為爭議的部分開立折讓單。</translation>
    </message>
    <message>
        <source>Invoice {invoice} is credited in full already; there is nothing left to void.</source>
        <translation>請款單 {invoice} 已全額折讓，沒有可作廢的金額。</translation>
    </message>
    <message>
        <source>That is not a database URL; write sqlite:///PATH or postgresql://USER@HOST/DATABASE.</source>
        <translation>這不是資料庫網址；請寫成 sqlite:///路徑 或 postgresql://使用者@主機/資料庫。</translation>
    </message>
    <message>
        <source>Roundsman works with SQLite and PostgreSQL databases, not “{kind}”.</source>
        <translation>Roundsman 支援 SQLite 與 PostgreSQL 資料庫，不支援「{kind}」。</translation>
    </message>
    <message>
        <source>{value} is too large to be stored.</source>
        <translation>{value} 太大，無法儲存。</translation>
    </message>
    <message>
        <source>This entry was saved before with other content (another customer, order, amount or lines), so nothing was saved now. Look at what was saved; enter a change as a new entry.</source>
        <translation>這筆資料之前已用其他內容儲存過（不同的客戶、訂單、金額或明細），所以這次沒有儲存任何資料。請查看已儲存的內容；要修改請另外新增一筆。</translation>
    </message>
    <message>
        <source>The request could not be read: {detail}</source>
        <translation>無法讀取此要求：{detail}</translation>
    </message>
    <message>
        <source>The server has no operation “{name}”.</source>
        <translation>伺服器沒有「{name}」這項操作。</translation>
    </message>
    <message>
        <source>This workstation speaks version {client} of the Roundsman API and the server speaks version {server}. Install Roundsman {release} (API {server}) on this workstation, the version the server runs.</source>
        <translation>本工作站使用 Roundsman API 第 {client} 版，伺服器使用第 {server} 版。請在本工作站安裝與伺服器相同的 Roundsman {release}（API {server}）。</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>備份失敗。</translation>
    </message>
    <message>
        <source>The backup was not restored.</source>
        <translation>備份未還原。</translation>
    </message>
    <message>
        <source>The backup folder {folder} cannot be used: {error}</source>
        <translation>無法使用備份資料夾 {folder}：{error}</translation>
    </message>
    <message>
        <source>{file} is not a readable Roundsman database ({error}).</source>
        <translation>{file} 不是可讀取的 Roundsman 資料庫（{error}）。</translation>
    </message>
    <message>
        <source>{file} is damaged ({error}).</source>
        <translation>{file} 已損壞（{error}）。</translation>
    </message>
    <message>
        <source>{file} holds no Roundsman database.</source>
        <translation>{file} 中沒有 Roundsman 資料庫。</translation>
    </message>
    <message>
        <source>The copy fails the database check ({checks}), so it was not kept; run “roundsman-admin db check” on the database.</source>
        <translation>備份副本未通過資料庫檢查（{checks}），因此未保留；請對資料庫執行「roundsman-admin db check」。</translation>
    </message>
    <message>
        <source>{program} is not installed. Install PostgreSQL&apos;s client programs: the package postgresql-client on Debian or Ubuntu, the Command Line Tools of the PostgreSQL installer on Windows.</source>
        <translation>尚未安裝 {program}。請安裝 PostgreSQL 的用戶端程式：Debian 或 Ubuntu 為 postgresql-client 套件，Windows 為 PostgreSQL 安裝程式中的 Command Line Tools。</translation>
    </message>
    <message>
        <source>pg_dump failed ({error}).</source>
        <translation>pg_dump 執行失敗（{error}）。</translation>
    </message>
    <message>
        <source>{file} is not a readable PostgreSQL backup ({error}).</source>
        <translation>{file} 不是可讀取的 PostgreSQL 備份（{error}）。</translation>
    </message>
    <message>
        <source>{file} was made by a newer version of Roundsman (schema {revision}). Install that version to restore it; the database was not changed.</source>
        <translation>{file} 是由較新版本的 Roundsman 製作的（結構版本 {revision}）。請安裝該版本後再還原；資料庫未變更。</translation>
    </message>
    <message>
        <source>There is no file {file}.</source>
        <translation>沒有檔案 {file}。</translation>
    </message>
    <message>
        <source>{error} The database was not changed.</source>
        <translation>{error} 資料庫未變更。</translation>
    </message>
    <message>
        <source>Another workstation or process has the database open. Close Roundsman everywhere it uses this database, then restore again; nothing was changed.</source>
        <translation>另一台工作站或程式正開啟此資料庫。請在所有使用此資料庫的地方關閉 Roundsman，再重新還原；未做任何變更。</translation>
    </message>
    <message>
        <source>The backup cannot be read ({error}); the database was not changed.</source>
        <translation>無法讀取備份（{error}）；資料庫未變更。</translation>
    </message>
    <message>
        <source>PostgreSQL refused the backup ({error}); the database was not changed.</source>
        <translation>PostgreSQL 拒絕了此備份（{error}）；資料庫未變更。</translation>
    </message>
    <message>
        <source>The key file {path} cannot be read: {reason}</source>
        <translation>無法讀取金鑰檔 {path}：{reason}</translation>
    </message>
    <message>
        <source>Database roles are a PostgreSQL feature; a SQLite file is guarded by its file permissions (only the server&apos;s account may read it).</source>
        <translation>資料庫角色是 PostgreSQL 的功能；SQLite 檔案由檔案權限保護（只有伺服器的帳號可以讀取）。</translation>
    </message>
    <message>
        <source>“{name}” cannot be a role name: use lower-case letters, digits and _, starting with a letter, at most 63 characters, not beginning with pg_.</source>
        <translation>「{name}」不能當作角色名稱：請使用小寫英文字母、數字和 _，以字母開頭，最多 63 個字元，且不可以 pg_ 開頭。</translation>
    </message>
    <message>
        <source>The app role&apos;s password must have at least 12 characters.</source>
        <translation>應用程式角色的密碼至少需要 12 個字元。</translation>
    </message>
    <message>
        <source>The database role {role} is a superuser: the server does not run as one. Connect it as the role made by “roundsman-admin db setup-roles”.</source>
        <translation>資料庫角色 {role} 是超級使用者：伺服器不以超級使用者身分執行。請改用「roundsman-admin db setup-roles」建立的角色連線。</translation>
    </message>
    <message>
        <source>The database role {role} may create roles (and so grant itself the owner&apos;s): the server does not run as it. Connect it as the role made by “roundsman-admin db setup-roles”.</source>
        <translation>資料庫角色 {role} 可以建立角色（因而能授予自己擁有者的權限）：伺服器不以此角色執行。請改用「roundsman-admin db setup-roles」建立的角色連線。</translation>
    </message>
    <message>
        <source>The database role {role} owns {objects} in the schema {schema}: the server does not run as the owner. Connect it as the role made by “roundsman-admin db setup-roles”.</source>
        <translation>資料庫角色 {role} 擁有結構描述 {schema} 中的 {objects}：伺服器不以擁有者身分執行。請改用「roundsman-admin db setup-roles」建立的角色連線。</translation>
    </message>
    <message>
        <source>The database role {role} may create tables or schemas: run “roundsman-admin db setup-roles” as the owner, which revokes that.</source>
        <translation>資料庫角色 {role} 可以建立資料表或結構描述：請以擁有者身分執行「roundsman-admin db setup-roles」撤銷此權限。</translation>
    </message>
    <message>
        <source>The database role {role} may {privileges}: run “roundsman-admin db setup-roles” as the owner, which revokes that.</source>
        <translation>資料庫角色 {role} 具有 {privileges} 權限：請以擁有者身分執行「roundsman-admin db setup-roles」撤銷此權限。</translation>
    </message>
    <message>
        <source>The role {name} is the owner of the schema or a superuser; the app role must be a role of its own, e.g. roundsman_app.</source>
        <translation>角色 {name} 是結構描述的擁有者或超級使用者；應用程式角色必須是獨立的角色，例如 roundsman_app。</translation>
    </message>
    <message>
        <source>The server could not complete the request; the details are in its log.</source>
        <translation>伺服器無法完成此要求；詳細資訊請見伺服器的記錄檔。</translation>
    </message>
    <message>
        <source>The log-in request is not one this server understands.</source>
        <translation>此伺服器無法理解這個登入要求。</translation>
    </message>
    <message>
        <source>The server at {url} showed the certificate {fingerprint}, not the one this workstation trusts ({pinned}). Do not log in: ask the administrator.</source>
        <translation>{url} 的伺服器出示的憑證是 {fingerprint}，而不是本工作站信任的憑證（{pinned}）。請勿登入，並洽詢系統管理員。</translation>
    </message>
    <message>
        <source>The server {url} cannot be reached ({error}).</source>
        <translation>無法連線到伺服器 {url}（{error}）。</translation>
    </message>
    <message>
        <source>The server&apos;s address is https://HOST:PORT, e.g. https://office-server:8443.</source>
        <translation>伺服器位址的格式為 https://主機:連接埠，例如 https://office-server:8443。</translation>
    </message>
    <message>
        <source>A certificate fingerprint is 64 hexadecimal digits (colons between pairs are optional), as the server prints it when it starts.</source>
        <translation>憑證指紋為 64 個十六進位數字（每兩位之間的冒號可省略），即伺服器啟動時印出的值。</translation>
    </message>
    <message>
        <source>The server has no such job any more (it restarted, or the job finished long ago). Start it again: what it did before is kept and not done twice.</source>
        <translation>伺服器上已沒有這項工作（伺服器已重新啟動，或工作早已結束）。請再執行一次：先前完成的部分會保留，不會重複。</translation>
    </message>
    <message>
        <source>A uniform invoice number has 8 digits, e.g. 10000000.</source>
        <translation>統一發票號碼為 8 位數字，例如 10000000。</translation>
    </message>
    <message>
        <source>Enter the period as its year and first month, e.g. 2026-11 or 115-11.</source>
        <translation>請以年份與該期的第一個月輸入期別，例如 2026-11 或 115-11。</translation>
    </message>
    <message>
        <source>A track is two capital letters, e.g. AB.</source>
        <translation>字軌為兩個大寫英文字母，例如 AB。</translation>
    </message>
    <message>
        <source>The last number must not be below the first.</source>
        <translation>迄號不可小於起號。</translation>
    </message>
    <message>
        <source>Numbers are allotted in books of 50: a range starts at …00 or …50 and ends at …49 or …99.</source>
        <translation>號碼以每本 50 號配給：起號為 …00 或 …50，迄號為 …49 或 …99。</translation>
    </message>
    <message>
        <source>The unused numbers of {period} have been reported: the period is closed.</source>
        <translation>{period} 的空白未使用號碼已上傳：本期已結束。</translation>
    </message>
    <message>
        <source>{first}–{last} overlaps the range {other} entered already.</source>
        <translation>{first}–{last} 與已輸入的字軌號碼 {other} 重疊。</translation>
    </message>
    <message>
        <source>No uniform invoice numbers are left for {period}: a manager enters the next range the tax office allotted (Uniform invoices → Number ranges), then try again. Nothing was saved.</source>
        <translation>{period} 已無統一發票號碼可用：請經理輸入國稅局配給的下一段字軌號碼（統一發票 → 字軌號碼）後再試一次。未儲存任何資料。</translation>
    </message>
    <message>
        <source>This needs {needed} uniform invoice numbers of {period} and {left} are left: a manager enters the next range the tax office allotted (Uniform invoices → Number ranges) first. Nothing was saved.</source>
        <translation>這需要 {period} 的 {needed} 個統一發票號碼，只剩 {left} 個：請經理先輸入國稅局配給的下一段字軌號碼（統一發票 → 字軌號碼）。未儲存任何資料。</translation>
    </message>
    <message>
        <source>Allowance {number} is {state}: only an issued allowance waits for the buyer&apos;s confirmation.</source>
        <translation>折讓證明單 {number} 的狀態為 {state}：只有已開立的折讓證明單在等待買受人確認。</translation>
    </message>
    <message>
        <source>Say why the allowance is voided.</source>
        <translation>請說明作廢折讓證明單的原因。</translation>
    </message>
    <message>
        <source>Allowance {number} is void already.</source>
        <translation>折讓證明單 {number} 已經作廢。</translation>
    </message>
    <message>
        <source>Uniform invoice {number} went to a carrier or a donation: it has no printed proof.</source>
        <translation>統一發票 {number} 已存入載具或捐贈：沒有紙本證明聯。</translation>
    </message>
    <message>
        <source>steel</source>
        <translation>鋼製</translation>
    </message>
    <message>
        <source>composite</source>
        <translation>複合材料</translation>
    </message>
    <message>
        <source>No re-test rule covers a {material} cylinder of {kg} kg at {age} years of age. An administrator adds one in Settings (Re-test rules).</source>
        <translation>沒有定期檢驗規則適用於 {kg} 公斤、瓶齡 {age} 年的{material}鋼瓶。請系統管理員在「設定」（定期檢驗規則）中新增一條。</translation>
    </message>
    <message>
        <source>Rule {row}: the material is steel or composite.</source>
        <translation>規則 {row}：材質須為鋼製或複合材料。</translation>
    </message>
    <message>
        <source>Rule {row}: {field} is a whole number from {low} to {high}.</source>
        <translation>規則 {row}：{field}須為 {low} 到 {high} 的整數。</translation>
    </message>
    <message>
        <source>Rule {row}: it starts at {age} years, after the end of service life ({life} years).</source>
        <translation>規則 {row}：起始瓶齡 {age} 年已超過使用年限（{life} 年）。</translation>
    </message>
    <message>
        <source>Two rules are for {material} cylinders from {kg} kg at {age} years: keep one.</source>
        <translation>有兩條規則都適用於 {kg} 公斤起、瓶齡 {age} 年起的{material}鋼瓶：請只保留一條。</translation>
    </message>
    <message>
        <source>Keep at least one re-test rule.</source>
        <translation>請至少保留一條定期檢驗規則。</translation>
    </message>
    <message>
        <source>The {material} rules need a size class from 0 kg, so that every size is covered.</source>
        <translation>{material}的規則須有一條從 0 公斤起的規格級距，才能涵蓋所有規格。</translation>
    </message>
    <message>
        <source>The {material} rules from {kg} kg need one from age 0, so that new cylinders are covered.</source>
        <translation>{material}從 {kg} 公斤起的規則須有一條從瓶齡 0 年起，才能涵蓋新鋼瓶。</translation>
    </message>
    <message>
        <source>the size from (kg)</source>
        <translation>起始規格（公斤）</translation>
    </message>
    <message>
        <source>the age from (years)</source>
        <translation>起始瓶齡（年）</translation>
    </message>
    <message>
        <source>the interval (years)</source>
        <translation>檢驗間隔（年）</translation>
    </message>
    <message>
        <source>the service life (years)</source>
        <translation>使用年限（年）</translation>
    </message>
    <message>
        <source>The serial is required.</source>
        <translation>請輸入鋼瓶號碼。</translation>
    </message>
    <message>
        <source>A serial is up to 30 letters and digits (and . / -), as stamped.</source>
        <translation>鋼瓶號碼最多 30 個英文字母與數字（可含 . / -），依瓶身鋼印填寫。</translation>
    </message>
    <message>
        <source>Cylinder {serial} is registered already.</source>
        <translation>鋼瓶 {serial} 已經登錄過了。</translation>
    </message>
    <message>
        <source>Choose the size: a product sold by the cylinder.</source>
        <translation>請選擇規格：以鋼瓶銷售的產品。</translation>
    </message>
    <message>
        <source>Product {sku} has no weight: give it its kg in Products first (the re-test rules go by size).</source>
        <translation>產品 {sku} 沒有重量：請先在「產品」中填寫它的公斤數（定期檢驗規則依規格而定）。</translation>
    </message>
    <message>
        <source>The material is steel or composite.</source>
        <translation>材質須為鋼製或複合材料。</translation>
    </message>
    <message>
        <source>The manufacture date is required (stamped on the cylinder).</source>
        <translation>請輸入製造日期（鋼印在鋼瓶上）。</translation>
    </message>
    <message>
        <source>The manufacture date cannot be in the future.</source>
        <translation>製造日期不能是未來的日期。</translation>
    </message>
    <message>
        <source>The last test is between the manufacture date and today.</source>
        <translation>上次檢驗日期須介於製造日期與今天之間。</translation>
    </message>
    <message>
        <source>The re-test date is after the manufacture date.</source>
        <translation>檢驗期限須在製造日期之後。</translation>
    </message>
    <message>
        <source>Made on {made}, this cylinder reached the end of its service life on {end}: it can only be scrapped.</source>
        <translation>此鋼瓶製造於 {made}，已於 {end} 屆滿使用年限：只能報廢。</translation>
    </message>
    <message>
        <source>Choose where the cylinder stands.</source>
        <translation>請選擇鋼瓶所在的位置。</translation>
    </message>
    <message>
        <source>Choose the customer who holds the cylinder.</source>
        <translation>請選擇持有此鋼瓶的客戶。</translation>
    </message>
    <message>
        <source>Cylinder {serial} is scrapped; its record stays as it was.</source>
        <translation>鋼瓶 {serial} 已報廢；其紀錄維持原狀。</translation>
    </message>
    <message>
        <source>The test date cannot be in the future.</source>
        <translation>檢驗日期不能是未來的日期。</translation>
    </message>
    <message>
        <source>Cylinder {serial} is scrapped.</source>
        <translation>鋼瓶 {serial} 已報廢。</translation>
    </message>
    <message>
        <source>Cylinder {serial} was made on {made}, after that test date.</source>
        <translation>鋼瓶 {serial} 製造於 {made}，晚於該檢驗日期。</translation>
    </message>
    <message>
        <source>No cylinder has the serial {serial}: check it, or register the cylinder first (Cylinders → Add cylinder).</source>
        <translation>沒有鋼瓶號碼為 {serial} 的鋼瓶：請檢查號碼，或先登錄這支鋼瓶（「鋼瓶」→「新增鋼瓶」）。</translation>
    </message>
    <message>
        <source>Serial {serial} is on line {first} too.</source>
        <translation>第 {first} 列也有鋼瓶號碼 {serial}。</translation>
    </message>
    <message>
        <source>“{value}” is not a date (YYYY-MM-DD).</source>
        <translation>「{value}」不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>Cylinders going to customers need the customer who takes them.</source>
        <translation>送往客戶的鋼瓶須指定收瓶的客戶。</translation>
    </message>
    <message>
        <source>Cylinder {serial} was scrapped: it cannot move again.</source>
        <translation>鋼瓶 {serial} 已報廢：不能再移動。</translation>
    </message>
    <message>
        <source>Cylinder {serial} reached the end of its service life on {end}: it can only be scrapped.</source>
        <translation>鋼瓶 {serial} 已於 {end} 屆滿使用年限：只能報廢。</translation>
    </message>
    <message>
        <source>Cylinder {serial} was due for its re-test on {due}: it cannot be loaded; send it to the inspection station.</source>
        <translation>鋼瓶 {serial} 的檢驗期限為 {due}：不能裝車；請送檢驗場。</translation>
    </message>
    <message>
        <source>Cylinder {serial} is both handed over and collected: scan it once.</source>
        <translation>鋼瓶 {serial} 同時列為送出與收回：請只掃描一次。</translation>
    </message>
    <message>
        <source>Scan the serials handed over or collected.</source>
        <translation>請掃描送出或收回的鋼瓶號碼。</translation>
    </message>
    <message>
        <source>Scans need the request key of their dialog.</source>
        <translation>掃描紀錄需要其對話框的請求代碼。</translation>
    </message>
    <message>
        <source>This delivery&apos;s confirmation was undone: confirm it again first.</source>
        <translation>這筆配送的確認已被撤銷：請先重新確認。</translation>
    </message>
    <message>
        <source>The cylinders held without deposit are a whole number from 0 to {most}.</source>
        <translation>免押金鋼瓶數須為 0 到 {most} 的整數。</translation>
    </message>
    <message>
        <source>Give the reason (e.g. the rental contract&apos;s number).</source>
        <translation>請填寫原因（例如租賃合約編號）。</translation>
    </message>
    <message>
        <source>{sku} is not sold in cylinders: choose a cylinder size.</source>
        <translation>{sku} 不是以鋼瓶銷售：請選擇鋼瓶規格。</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Hose: no cracks, not aged, clamped at both ends</source>
        <translation>橡皮管：無龜裂、未老化、兩端以管束固定</translation>
    </message>
    <message>
        <source>Regulator</source>
        <translation>調整器</translation>
    </message>
    <message>
        <source>Leak test at the joints</source>
        <translation>接頭測漏</translation>
    </message>
    <message>
        <source>Shut-off valve</source>
        <translation>瓦斯開關</translation>
    </message>
    <message>
        <source>Cylinder placement: upright, ventilated, away from heat</source>
        <translation>鋼瓶放置：直立、通風、遠離熱源</translation>
    </message>
    <message>
        <source>Ventilation of the room</source>
        <translation>室內通風</translation>
    </message>
    <message>
        <source>Water heater: outdoors or flued</source>
        <translation>熱水器：裝在室外或有排氣管</translation>
    </message>
    <message>
        <source>CO alarm works</source>
        <translation>一氧化碳警報器正常運作</translation>
    </message>
    <message>
        <source>Gas orders for {customer} are stopped: the safety inspection of {date} failed ({remarks}). A manager clears it in Inspections.</source>
        <translation>{customer} 已停止供氣：{date} 的安全檢查不合格（{remarks}）。請經理在「安全檢查」中解除。</translation>
    </message>
    <message>
        <source>The product {sku} that inspection visits use is inactive or not a service: a manager corrects it in Products.</source>
        <translation>安全檢查訪視所用的產品 {sku} 已停用或不是服務項目：請經理在「產品」中更正。</translation>
    </message>
    <message>
        <source>Choose the customers to visit.</source>
        <translation>請選擇要訪視的客戶。</translation>
    </message>
    <message>
        <source>The visits&apos; day {day} is in the past.</source>
        <translation>訪視日 {day} 已是過去的日期。</translation>
    </message>
    <message>
        <source>{customers}: inactive; activate them or leave them out of the plan.</source>
        <translation>{customers}：已停用；請先啟用，或不要將他們排入計畫。</translation>
    </message>
    <message>
        <source>An inspection needs the request key of its dialog.</source>
        <translation>檢查紀錄需要其對話框的請求代碼。</translation>
    </message>
    <message>
        <source>This inspection was recorded already (on another workstation).</source>
        <translation>這筆安全檢查已經登錄過了（在另一台工作站）。</translation>
    </message>
    <message>
        <source>Choose pass or fail.</source>
        <translation>請選擇合格或不合格。</translation>
    </message>
    <message>
        <source>“{item}” is not an inspection item.</source>
        <translation>「{item}」不是檢查項目。</translation>
    </message>
    <message>
        <source>An item is not OK ({item}): record a fail, or correct the item.</source>
        <translation>有項目未通過（{item}）：請登錄為不合格，或更正該項目。</translation>
    </message>
    <message>
        <source>Say in the remarks what failed and what must be fixed.</source>
        <translation>請在備註中說明哪裡不合格、需要修正什麼。</translation>
    </message>
    <message>
        <source>Give the inspector&apos;s name.</source>
        <translation>請填寫檢查人員的姓名。</translation>
    </message>
    <message>
        <source>The inspector&apos;s name holds at most 120 characters.</source>
        <translation>檢查人員的姓名最多 120 個字元。</translation>
    </message>
    <message>
        <source>Order {number} is not an inspection visit.</source>
        <translation>訂單 {number} 不是安全檢查訪視。</translation>
    </message>
    <message>
        <source>The inspection of visit {number} was recorded already ({result}, {day}).</source>
        <translation>訪視 {number} 的檢查已經登錄過了（{result}，{day}）。</translation>
    </message>
    <message>
        <source>The next inspection comes after this one ({day}).</source>
        <translation>下次檢查日須在本次檢查（{day}）之後。</translation>
    </message>
    <message>
        <source>Visit {number} is not on a confirmed route yet: plan it in Dispatch, then record its result.</source>
        <translation>訪視 {number} 尚未排入已確認的路線：請先在「派車」安排，再登錄檢查結果。</translation>
    </message>
    <message>
        <source>Visit {number} is {status}: plan a new visit for this customer.</source>
        <translation>訪視 {number} 的狀態為 {status}：請為這位客戶另排一次訪視。</translation>
    </message>
    <message>
        <source>Choose the customers.</source>
        <translation>請選擇客戶。</translation>
    </message>
    <message>
        <source>Give the reason for clearing the gas stop (e.g. the hose was replaced and checked).</source>
        <translation>請填寫解除停止供氣的原因（例如已更換橡皮管並檢查過）。</translation>
    </message>
    <message>
        <source>Gas orders for {customer} are not stopped (cleared already?).</source>
        <translation>{customer} 並未停止供氣（可能已經解除？）。</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>期初盤點</translation>
    </message>
    <message>
        <source>Morning load</source>
        <translation>裝車</translation>
    </message>
    <message>
        <source>Delivery undone</source>
        <translation>撤銷配送</translation>
    </message>
    <message>
        <source>Evening return</source>
        <translation>回庫</translation>
    </message>
    <message>
        <source>Empties to the plant</source>
        <translation>空瓶送分裝場</translation>
    </message>
    <message>
        <source>Purchase from the plant</source>
        <translation>分裝場進貨</translation>
    </message>
    <message>
        <source>To the inspection station</source>
        <translation>送檢驗場</translation>
    </message>
    <message>
        <source>From the inspection station</source>
        <translation>檢驗場取回</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>調撥</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>報廢</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>倉庫</translation>
    </message>
    <message>
        <source>Truck</source>
        <translation>貨車</translation>
    </message>
    <message>
        <source>Filling plant</source>
        <translation>分裝場</translation>
    </message>
    <message>
        <source>Inspection station</source>
        <translation>檢驗場</translation>
    </message>
    <message>
        <source>Delivery at a stop</source>
        <translation>停靠點配送</translation>
    </message>
    <message>
        <source>{sku}: the count of full cylinders is a whole number from 0 to 100,000.</source>
        <translation>{sku}：實瓶數量為 0 到 100,000 的整數。</translation>
    </message>
    <message>
        <source>{sku}: the count of empty cylinders is a whole number from 0 to 100,000.</source>
        <translation>{sku}：空瓶數量為 0 到 100,000 的整數。</translation>
    </message>
    <message>
        <source>Choose a cylinder size from the list.</source>
        <translation>請從清單中選擇鋼瓶規格。</translation>
    </message>
    <message>
        <source>{sku} is entered twice: enter each size once.</source>
        <translation>{sku} 輸入了兩次：每個規格只輸入一次。</translation>
    </message>
    <message>
        <source>Enter how many cylinders of a size.</source>
        <translation>請輸入各規格的鋼瓶數量。</translation>
    </message>
    <message>
        <source>Choose a place from the list.</source>
        <translation>請從清單中選擇地點。</translation>
    </message>
    <message>
        <source>{place} holds {full} full and {empty} empty {sku} on {day} (or later): it cannot give {take_full} full and {take_empty} empty. Count again, or record the load, return or purchase that brought them first.</source>
        <translation>{place} 在 {day}（或之後）的 {sku} 只有實瓶 {full}、空瓶 {empty}：無法撥出實瓶 {take_full}、空瓶 {take_empty}。請重新盤點，或先登錄帶來這些鋼瓶的裝車、回庫或進貨。</translation>
    </message>
    <message>
        <source>Cylinder {serial} is a {sku}, a size this document does not move: remove the serial, or enter the {sku} count.</source>
        <translation>鋼瓶 {serial} 是 {sku}，本單據不異動此規格：請移除該鋼瓶號碼，或輸入 {sku} 的數量。</translation>
    </message>
    <message>
        <source>{n} {sku} serials are scanned ({serials}) but {count} {sku} counted: remove a serial, or correct the count.</source>
        <translation>已掃描 {n} 個 {sku} 鋼瓶號碼（{serials}），但 {sku} 的數量為 {count}：請移除鋼瓶號碼，或更正數量。</translation>
    </message>
    <message>
        <source>A stock document needs the request key of its dialog.</source>
        <translation>庫存單據需要其對話框的要求識別碼。</translation>
    </message>
    <message>
        <source>The depot&apos;s name is required (at most 120 characters).</source>
        <translation>請輸入倉庫名稱（最多 120 個字元）。</translation>
    </message>
    <message>
        <source>The address is at most 250 characters.</source>
        <translation>地址最多 250 個字元。</translation>
    </message>
    <message>
        <source>Give both coordinates (latitude -90 to 90, longitude -180 to 180), or neither.</source>
        <translation>請同時填寫兩個座標（緯度 -90 到 90，經度 -180 到 180），或兩者都不填。</translation>
    </message>
    <message>
        <source>{name} still holds cylinders or starts trucks: move them first.</source>
        <translation>{name} 仍存有鋼瓶或有貨車以此為出發倉庫：請先移出鋼瓶，或將貨車改到其他倉庫。</translation>
    </message>
    <message>
        <source>{sku}: {full} full, {empty} empty</source>
        <translation>{sku}：實瓶 {full}，空瓶 {empty}</translation>
    </message>
    <message>
        <source>The count differs from loaded - delivered + collected ({differences}): give the reason.</source>
        <translation>回庫數量與「已裝車 − 已送出 + 已收回」不符（{differences}）：請填寫原因。</translation>
    </message>
    <message>
        <source>Choose two different places.</source>
        <translation>請選擇兩個不同的地點。</translation>
    </message>
    <message>
        <source>{sku} has no weight: set its weight in kg in Products first.</source>
        <translation>{sku} 沒有重量：請先在「產品」中設定它的重量（公斤）。</translation>
    </message>
    <message>
        <source>{sku}: the cost per kg is an amount more than 0 (at most 4 decimals).</source>
        <translation>{sku}：每公斤成本須為大於 0 的金額（最多 4 位小數）。</translation>
    </message>
    <message>
        <source>Give the reason for the scrap.</source>
        <translation>請填寫報廢的原因。</translation>
    </message>
    <message>
        <source>A delivery&apos;s cylinders change by undoing the delivery (Deliveries), not by a correction.</source>
        <translation>配送的鋼瓶要在「配送結果」撤銷配送來變更，不能用更正。</translation>
    </message>
    <message>
        <source>A correction is not corrected: enter the document again instead.</source>
        <translation>更正單據不能再更正：請改為重新輸入單據。</translation>
    </message>
    <message>
        <source>What customers hold changes by their deliveries (Deliveries), not by a correction.</source>
        <translation>客戶持有的鋼瓶只隨配送（配送結果）變動，不能以更正調整。</translation>
    </message>
    <message>
        <source>Document {id} was corrected already (by document {by}).</source>
        <translation>單據 {id} 已經更正過了（更正單據 {by}）。</translation>
    </message>
    <message>
        <source>“{value}” is not a month (YYYY-MM).</source>
        <translation>「{value}」不是月份（YYYY-MM）。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The database cannot be reached. Roundsman connects again by itself: check the network or the database server, then try again.</source>
        <translation>無法連線到資料庫。Roundsman 會自動重新連線：請檢查網路或資料庫伺服器，然後再試一次。</translation>
    </message>
    <message>
        <source>The database is busy with work from another workstation; try again in a moment.</source>
        <translation>資料庫正在處理其他工作站的作業；請稍後再試。</translation>
    </message>
    <message>
        <source>The disk is full, so nothing more can be saved. Free some space, then try again.</source>
        <translation>磁碟已滿，無法再儲存任何資料。請釋出一些空間後再試一次。</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>無法執行</translation>
    </message>
    <message>
        <source>Cannot do that now</source>
        <translation>目前無法執行</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>發生錯誤</translation>
    </message>
    <message>
        <source>Roundsman hit an unexpected error. Nothing you typed was cleared. The details below can be copied for support.</source>
        <translation>Roundsman 發生未預期的錯誤。您輸入的內容都沒有被清除。可以複製下方的詳細資訊提供給技術支援人員。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Export to Excel</source>
        <translation>匯出至 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>匯出完成</translation>
    </message>
    <message>
        <source>{n} rows were written to {path}.</source>
        <translation>已將 {n} 列資料寫入 {path}。</translation>
    </message>
</context>
<context>
    <name>formkit</name>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>兩次輸入的密碼不一致。</translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>Changed elsewhere</source>
        <translation>已在其他地方修改</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>要捨棄變更嗎？</translation>
    </message>
    <message>
        <source>The form has changes that are not saved. Discard them?</source>
        <translation>表單中有尚未儲存的變更。要捨棄嗎？</translation>
    </message>
</context>
</TS>
