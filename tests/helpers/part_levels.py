"""A plan whose parts put their tasks at different levels (Heilongjiang 2013's shape)."""

# Heilongjiang 2013's shape: part 一's tasks are its （一）（二）, part 二's the 1. 2. under
# a （一） heading that names no unit.
TWO_LEVELS = """某省重点工作责任分工意见
一、主要目标
（一）地区生产总值增长7%。（省发改委负责）
（二）财政收入增长8%。（省财政厅主办，省税务局协办）
（三）固定资产投资增长10%。（省发改委负责）
（四）进出口总额增长5%。（省商务厅负责）
二、推进产业项目建设
（一）全力推进产业项目建设。
1.抓好省级重点产业项目。（省发改委主办，省工信厅、科技厅协办）
2.重点抓好燃气轮机项目。（省工信厅负责）
（二）扩大有效投资。
1.抓好重大基础设施。（省交通运输厅负责）
"""
