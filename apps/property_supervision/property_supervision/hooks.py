app_name = "property_supervision"
app_title = "物业服务监管"
app_publisher = "Property Supervision Developers"
app_description = "Residential property service supervision for a district government"
app_email = "dev@example.invalid"
app_license = "mit"
required_apps = []
