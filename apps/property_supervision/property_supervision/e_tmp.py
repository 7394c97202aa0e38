import frappe, time, cProfile, pstats, io
def run():
    c = frappe.get_all("Residential Compound", pluck="name", limit=1)[0]
    def mk():
        frappe.get_doc({"doctype":"Complaint","complainant_name":"张三","complainant_phone":"13912345678","compound":c,"category":"Parking","received_via":"Window","description":"测试"}).insert(ignore_permissions=True)
    mk()
    t=time.time()
    for i in range(30): mk()
    print("insert", (time.time()-t)/30)
    pr=cProfile.Profile(); pr.enable()
    for i in range(20): mk()
    pr.disable()
    s=io.StringIO(); pstats.Stats(pr,stream=s).sort_stats("cumulative").print_stats(35); print(s.getvalue()[:6000])
    frappe.db.rollback()
